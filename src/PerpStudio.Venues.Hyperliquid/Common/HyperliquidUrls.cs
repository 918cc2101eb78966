namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>Hyperliquid's public API endpoints.</summary>
public static class HyperliquidUrls
{
    /// <summary>Mainnet REST base (POST /info, POST /exchange).</summary>
    public static readonly Uri MainnetApi = new("https://api.hyperliquid.xyz");

    /// <summary>Testnet REST base.</summary>
    public static readonly Uri TestnetApi = new("https://api.hyperliquid-testnet.xyz");

    /// <summary>The REST base of a network.</summary>
    public static Uri Api(HyperliquidNetwork network) => network == HyperliquidNetwork.Mainnet ? MainnetApi : TestnetApi;

    /// <summary>The websocket endpoint that belongs to a REST base: same host, ws(s) scheme, path /ws.</summary>
    public static Uri WebSocketFor(Uri apiBase)
    {
        ArgumentNullException.ThrowIfNull(apiBase);
        var builder = new UriBuilder(apiBase)
        {
            Scheme = apiBase.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = apiBase.AbsolutePath.TrimEnd('/') + "/ws",
        };
        return builder.Uri;
    }

    /// <summary>The /info endpoint under a REST base.</summary>
    public static Uri Info(Uri apiBase) => Append(apiBase, "info");

    /// <summary>The /exchange endpoint under a REST base.</summary>
    public static Uri Exchange(Uri apiBase) => Append(apiBase, "exchange");

    private static Uri Append(Uri apiBase, string segment)
    {
        ArgumentNullException.ThrowIfNull(apiBase);
        var text = apiBase.ToString().TrimEnd('/');
        return new Uri(text + "/" + segment);
    }
}
