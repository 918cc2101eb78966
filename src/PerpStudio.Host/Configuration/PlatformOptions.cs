using PerpStudio.Venues.Simulated;

namespace PerpStudio.Host.Configuration;

/// <summary>
/// The host's settings, bound from the configuration section <c>PerpStudio</c> (appsettings.json, then environment
/// variables such as <c>PerpStudio__Grpc__Port</c>, then command-line <c>--PerpStudio:Grpc:Port=5101</c>).
/// </summary>
public sealed class PlatformOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "PerpStudio";

    /// <summary>The address both listeners bind: 127.0.0.1 by default, 0.0.0.0 in a container.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The gRPC API listener (cleartext HTTP/2).</summary>
    public EndpointOptions Grpc { get; set; } = new() { Port = 5001 };

    /// <summary>The web listener (HTTP/1.1): health probes now, the frontend later.</summary>
    public EndpointOptions Web { get; set; } = new() { Port = 5000 };

    /// <summary>Where grain state lives.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>The venues orders are routed to.</summary>
    public VenuesOptions Venues { get; set; } = new();

    /// <summary>Marks, reconciliation and other periodic work.</summary>
    public TimersOptions Timers { get; set; } = new();

    /// <summary>The demo operator seeded at startup.</summary>
    public DemoOptions Demo { get; set; } = new();
}

/// <summary>One listener.</summary>
public sealed class EndpointOptions
{
    /// <summary>The TCP port, 1 to 65535.</summary>
    public int Port { get; set; }
}

/// <summary>Grain storage: in memory unless a Redis connection string is given.</summary>
public sealed class StorageOptions
{
    /// <summary>A StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379</c>); empty keeps state in memory.</summary>
    public string Redis { get; set; } = string.Empty;

    /// <summary>The first segment of every Redis key.</summary>
    public string KeyPrefix { get; set; } = "perpstudio";

    /// <summary>How long startup waits for Redis before it gives up.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when Redis is configured.</summary>
    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);
}

/// <summary>The venues: simulated ones (embedded) and Hyperliquid (only when enabled).</summary>
public sealed class VenuesOptions
{
    /// <summary>Simulated venues; the default is two, <c>sim-a</c> (deep, cheap) and <c>sim-b</c> (thin, dearer).</summary>
    public List<SimulatedVenueSettings> Simulated { get; set; } = [];

    /// <summary>The Hyperliquid adapter; off unless <see cref="HyperliquidSettings.Enabled"/>.</summary>
    public HyperliquidSettings Hyperliquid { get; set; } = new();
}

/// <summary>One simulated venue. Rates are exact decimals ("0.00045" is 4.5 bp).</summary>
public sealed class SimulatedVenueSettings
{
    /// <summary>The venue's name, e.g. <c>sim-a</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Seed of the venue's random walk; null for a fresh one each run.</summary>
    public int? Seed { get; set; }

    /// <summary>Maker fee rate.</summary>
    public decimal MakerFee { get; set; } = 0.00015m;

    /// <summary>Taker fee rate.</summary>
    public decimal TakerFee { get; set; } = 0.00045m;

    /// <summary>Multiplies the size quoted at every level of the market maker's ladder.</summary>
    public int Depth { get; set; } = 1;

    /// <summary>Ticks from the reference price to the best bid and ask.</summary>
    public int HalfSpreadTicks { get; set; } = 1;

    /// <summary>Time every call to the venue takes.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>How often the venue's reference price takes a random step.</summary>
    public TimeSpan StepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Chance per million that a placement is refused as busy (fault injection).</summary>
    public int RejectPerMillion { get; set; }

    /// <summary>Chance per million that a fill is not delivered on the feed (recovered from history).</summary>
    public int DropFillPerMillion { get; set; }

    /// <summary>
    /// Background takers: at most this many small market orders per step against the venue's own quotes, so its
    /// markets print trades and candles without any trader (seeded, deterministic); 0 switches them off.
    /// </summary>
    public int BackgroundTakersPerStep { get; set; } = new SimulatedTakerFlow().MaxTradesPerStep;
}

/// <summary>The Hyperliquid venue. The agent key is read from <c>HYPERLIQUID_AGENT_PRIVATE_KEY</c> unless given.</summary>
public sealed class HyperliquidSettings
{
    /// <summary>Off by default: the host never reaches the internet unless this is set.</summary>
    public bool Enabled { get; set; }

    /// <summary>The venue's name on the platform.</summary>
    public string Name { get; set; } = "hyperliquid";

    /// <summary><c>Mainnet</c> or <c>Testnet</c>.</summary>
    public string Network { get; set; } = "Testnet";

    /// <summary>The REST base; empty for the network's public API.</summary>
    public string ApiUrl { get; set; } = string.Empty;

    /// <summary>The account (master) address traded; empty for the agent's own.</summary>
    public string AccountAddress { get; set; } = string.Empty;

    /// <summary>
    /// The agent wallet key (0x + 64 hex), from <c>PerpStudio__Venues__Hyperliquid__AgentPrivateKey</c> (the chart's
    /// Secret); empty falls back to <c>HYPERLIQUID_AGENT_PRIVATE_KEY</c>.
    /// </summary>
    public string AgentPrivateKey { get; set; } = string.Empty;

    /// <summary>Where the nonce high-water mark persists; empty keeps it in memory.</summary>
    public string NonceStorePath { get; set; } = string.Empty;
}

/// <summary>Periods of the host's background work.</summary>
public sealed class TimersOptions
{
    /// <summary>How often marks are read from the venues into the markets.</summary>
    public TimeSpan MarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often venue positions are reconciled with the platform's.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the liquidation engine sweeps the positions whose liquidation price the mark crossed.</summary>
    public TimeSpan LiquidationInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often venue health is probed (readiness).</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The demo operator and trader seeded at startup.</summary>
public sealed class DemoOptions
{
    /// <summary>Seed the demo operator.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The operator's id.</summary>
    public string OperatorId { get; set; } = "demo";

    /// <summary>The operator's fee markup on top of venue rates.</summary>
    public decimal Markup { get; set; } = 0.0001m;

    /// <summary>The platform's share of the markup.</summary>
    public decimal PlatformShare { get; set; } = 0.2m;

    /// <summary>Markets offered: <c>SYMBOL:maxLeverage</c>, e.g. <c>BTC-USD:40</c>.</summary>
    public List<string> Markets { get; set; } = [];

    /// <summary>Venues the demo operator routes to, in preference order; empty for every configured venue.</summary>
    public List<string> Venues { get; set; } = [];

    /// <summary>The demo trader's private key (0x + 64 hex); empty for a fixed development key.</summary>
    public string TraderPrivateKey { get; set; } = string.Empty;

    /// <summary>
    /// The demo trader's API key (sent in <c>x-api-key</c>); empty to issue a fresh one at each start. A configured key
    /// is registered once and stays valid across restarts with Redis.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Collateral the demo trader is funded with at startup (demo deposit).</summary>
    public decimal TraderDeposit { get; set; } = 100_000m;
}
