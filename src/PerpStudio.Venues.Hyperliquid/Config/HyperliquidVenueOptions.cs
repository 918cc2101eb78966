using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Config;

/// <summary>
/// Configuration of the Hyperliquid adapter (bind from the "Venues:Hyperliquid" section). The key is secret: it is
/// only read, never echoed by <see cref="ToString"/>.
/// </summary>
public sealed class HyperliquidVenueOptions
{
    /// <summary>The venue's name on the platform.</summary>
    public string VenueId { get; set; } = "hyperliquid";

    /// <summary>Mainnet or testnet: chooses the signature source and the default URLs.</summary>
    public HyperliquidNetwork Network { get; set; } = HyperliquidNetwork.Testnet;

    /// <summary>The REST base; null for the network's public API.</summary>
    public Uri? ApiUrl { get; set; }

    /// <summary>The websocket endpoint; null for the REST base's /ws.</summary>
    public Uri? WebSocketUrl { get; set; }

    /// <summary>The agent wallet key (0x + 64 hex); null to read <c>HYPERLIQUID_AGENT_PRIVATE_KEY</c>.</summary>
    public string? AgentPrivateKey { get; set; }

    /// <summary>The account (master) address traded; null to read <c>HYPERLIQUID_ACCOUNT_ADDRESS</c>, or the agent's own.</summary>
    public string? AccountAddress { get; set; }

    /// <summary>A vault or sub-account to trade for, or null.</summary>
    public string? VaultAddress { get; set; }

    /// <summary>The operator's builder address that earns a fee on every order, or null.</summary>
    public string? BuilderAddress { get; set; }

    /// <summary>The builder fee in tenths of a basis point (10 = 1 bp).</summary>
    public int BuilderFeeTenthsOfBasisPoint { get; set; }

    /// <summary>Where the nonce high-water mark persists; null keeps it in memory (tests only).</summary>
    public string? NonceStorePath { get; set; }

    /// <summary>The account's maker fee rate (Hyperliquid's base tier: 0.015%).</summary>
    public Rate MakerFee { get; set; } = Rate.Of(0.00015m);

    /// <summary>The account's taker fee rate (Hyperliquid's base tier: 0.045%).</summary>
    public Rate TakerFee { get; set; } = Rate.Of(0.00045m);

    /// <summary>How far a market order without a worst price may trade from the mid (5%, the reference SDK's default).</summary>
    public Rate MarketSlippage { get; set; } = Rate.Of(0.05m);

    /// <summary>Per-IP REST weight a minute (1200 at Hyperliquid).</summary>
    public int RestWeightPerMinute { get; set; } = RateLimits.RequestWeights.PerMinute;

    /// <summary>The longest a request waits for rate-limit budget before it is refused.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first reconnect delay of the websocket; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a ping is sent on a quiet websocket (Hyperliquid closes one idle for 60 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an HTTP request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The REST base in effect.</summary>
    public Uri EffectiveApiUrl => ApiUrl ?? HyperliquidUrls.Api(Network);

    /// <summary>The websocket endpoint in effect.</summary>
    public Uri EffectiveWebSocketUrl => WebSocketUrl ?? HyperliquidUrls.WebSocketFor(EffectiveApiUrl);

    /// <summary>Settings without secrets.</summary>
    public override string ToString() =>
        $"Hyperliquid({VenueId}, {Network}, {EffectiveApiUrl}, key {(AgentPrivateKey is null ? "from environment" : "[redacted]")}, account {AccountAddress ?? "(agent)"})";
}
