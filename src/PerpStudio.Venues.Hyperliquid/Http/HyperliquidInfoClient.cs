using System.Text.Json;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.RateLimits;

namespace PerpStudio.Venues.Hyperliquid.Http;

/// <summary>The asset context of <c>metaAndAssetCtxs</c>: prices and funding of one perp.</summary>
/// <param name="Coin">The coin.</param>
/// <param name="MarkPrice">Mark price.</param>
/// <param name="OraclePrice">Oracle price.</param>
/// <param name="Funding">The current hourly funding rate.</param>
/// <param name="MidPrice">Mid price, when the book has both sides.</param>
public sealed record AssetContext(string Coin, Price MarkPrice, Price OraclePrice, Rate Funding, Price? MidPrice);

/// <summary>
/// The /info endpoint: market data and account reads. Every request first takes its weight from the shared per-IP
/// limiter; answers that charge per item returned are counted after the fact.
/// </summary>
public sealed class HyperliquidInfoClient
{
    private readonly HttpClient _http;
    private readonly Uri _info;
    private readonly WeightedRateLimiter _limiter;

    /// <summary>Creates a client for the API at <paramref name="apiBase"/>.</summary>
    public HyperliquidInfoClient(HttpClient http, Uri apiBase, WeightedRateLimiter limiter)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _info = HyperliquidUrls.Info(apiBase);
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
    }

    /// <summary>The perp universe and margin tables.</summary>
    public async Task<PerpMeta> MetaAsync(CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("meta", [], cancellationToken).ConfigureAwait(false);
        return InfoParsing.Meta(doc.RootElement);
    }

    /// <summary>The universe with each asset's mark, oracle price and funding.</summary>
    public async Task<(PerpMeta Meta, IReadOnlyList<AssetContext> Contexts)> MetaAndAssetContextsAsync(CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("metaAndAssetCtxs", [], cancellationToken).ConfigureAwait(false);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2)
        {
            throw new HyperliquidFormatException("metaAndAssetCtxs: expected [meta, contexts]");
        }

        var meta = InfoParsing.Meta(root[0]);
        var contexts = new List<AssetContext>();
        var i = 0;
        foreach (var ctx in HyperliquidJson.Array(root[1], "metaAndAssetCtxs[1]"))
        {
            var path = $"metaAndAssetCtxs[1][{i}]";
            var coin = i < meta.Universe.Count ? meta.Universe[i].Name : throw new HyperliquidFormatException($"{path}: more contexts than assets");
            contexts.Add(new AssetContext(
                coin,
                HyperliquidJson.Price(ctx, "markPx", path),
                HyperliquidJson.Price(ctx, "oraclePx", path),
                HyperliquidJson.Rate(ctx, "funding", path),
                HyperliquidJson.Optional(ctx, "midPx") is { } mid ? HyperliquidJson.ParsePrice(mid.GetString()!, $"{path}.midPx") : null));
            i++;
        }

        return (meta, contexts);
    }

    /// <summary>Mid prices by coin.</summary>
    public async Task<IReadOnlyDictionary<string, Price>> AllMidsAsync(CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("allMids", [], cancellationToken).ConfigureAwait(false);
        return InfoParsing.AllMids(doc.RootElement);
    }

    /// <summary>The L2 book of a coin.</summary>
    public async Task<L2Book> L2BookAsync(string coin, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("l2Book", [("coin", coin)], cancellationToken).ConfigureAwait(false);
        return InfoParsing.L2Book(doc.RootElement);
    }

    /// <summary>Positions and margin of an account.</summary>
    public async Task<ClearinghouseState> ClearinghouseStateAsync(EthereumAddress user, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("clearinghouseState", [("user", user.ToLowerHex())], cancellationToken).ConfigureAwait(false);
        return InfoParsing.ClearinghouseState(doc.RootElement);
    }

    /// <summary>Open orders of an account.</summary>
    public async Task<IReadOnlyList<OpenOrder>> OpenOrdersAsync(EthereumAddress user, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("openOrders", [("user", user.ToLowerHex())], cancellationToken).ConfigureAwait(false);
        return InfoParsing.OpenOrders(doc.RootElement);
    }

    /// <summary>Open orders with trigger, reduce-only, time in force and cloid.</summary>
    public async Task<IReadOnlyList<OpenOrder>> FrontendOpenOrdersAsync(EthereumAddress user, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("frontendOpenOrders", [("user", user.ToLowerHex())], cancellationToken).ConfigureAwait(false);
        return InfoParsing.OpenOrders(doc.RootElement, "frontendOpenOrders");
    }

    /// <summary>The status of one order by cloid; null when the venue does not know it.</summary>
    public async Task<HistoricalOrder?> OrderStatusAsync(EthereumAddress user, Cloid cloid, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("orderStatus", [("user", user.ToLowerHex()), ("oid", cloid.Hex)], cancellationToken).ConfigureAwait(false);
        return ParseOrderStatus(doc.RootElement);
    }

    /// <summary>The status of one order by order id; null when the venue does not know it.</summary>
    public async Task<HistoricalOrder?> OrderStatusAsync(EthereumAddress user, long oid, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("orderStatus", [("user", user.ToLowerHex()), ("oid", oid)], cancellationToken).ConfigureAwait(false);
        return ParseOrderStatus(doc.RootElement);
    }

    /// <summary>The account's most recent fills.</summary>
    public async Task<IReadOnlyList<UserFill>> UserFillsAsync(EthereumAddress user, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("userFills", [("user", user.ToLowerHex())], cancellationToken).ConfigureAwait(false);
        return Charged("userFills", InfoParsing.UserFills(doc.RootElement));
    }

    /// <summary>The account's fills between two times (ms), oldest first.</summary>
    public async Task<IReadOnlyList<UserFill>> UserFillsByTimeAsync(EthereumAddress user, long startTime, long? endTime, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("userFillsByTime", [("user", user.ToLowerHex()), ("startTime", startTime), ("endTime", endTime)], cancellationToken).ConfigureAwait(false);
        return Charged("userFillsByTime", InfoParsing.UserFills(doc.RootElement, "userFillsByTime"));
    }

    /// <summary>Funding settlements of a coin.</summary>
    public async Task<IReadOnlyList<FundingRecord>> FundingHistoryAsync(string coin, long startTime, long? endTime, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("fundingHistory", [("coin", coin), ("startTime", startTime), ("endTime", endTime)], cancellationToken).ConfigureAwait(false);
        return Charged("fundingHistory", InfoParsing.FundingHistory(doc.RootElement));
    }

    /// <summary>Candles of a coin.</summary>
    public async Task<IReadOnlyList<Candle>> CandleSnapshotAsync(string coin, string interval, long startTime, long endTime, CancellationToken cancellationToken)
    {
        var req = new Dictionary<string, object?> { ["coin"] = coin, ["interval"] = interval, ["startTime"] = startTime, ["endTime"] = endTime };
        using var doc = await PostAsync("candleSnapshot", [("req", req)], cancellationToken).ConfigureAwait(false);
        return Charged("candleSnapshot", InfoParsing.Candles(doc.RootElement));
    }

    /// <summary>The account's address-based request budget.</summary>
    public async Task<UserRateLimit> UserRateLimitAsync(EthereumAddress user, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("userRateLimit", [("user", user.ToLowerHex())], cancellationToken).ConfigureAwait(false);
        return InfoParsing.UserRateLimit(doc.RootElement);
    }

    /// <summary>Posts any info request (after taking its weight) and returns the JSON answer.</summary>
    public async Task<JsonDocument> PostAsync(string type, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await _limiter.AcquireAsync(RequestWeights.Info(type), cancellationToken).ConfigureAwait(false);
        var body = new Dictionary<string, object?> { ["type"] = type };
        foreach (var (name, value) in parameters)
        {
            body[name] = value;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        return await HyperliquidHttpTransport.PostAsync(_http, _info, bytes, outcomeUnknownOnFailure: false, cancellationToken).ConfigureAwait(false);
    }

    private static HistoricalOrder? ParseOrderStatus(JsonElement root)
    {
        if (HyperliquidJson.String(root, "status", "orderStatus") != "order")
        {
            return null;
        }

        var wrapper = HyperliquidJson.Member(root, "order", "orderStatus");
        return new HistoricalOrder(
            InfoParsing.Order(HyperliquidJson.Member(wrapper, "order", "orderStatus.order"), "orderStatus.order.order"),
            HyperliquidJson.String(wrapper, "status", "orderStatus.order"),
            HyperliquidJson.Int64(wrapper, "statusTimestamp", "orderStatus.order"));
    }

    private IReadOnlyList<T> Charged<T>(string type, IReadOnlyList<T> items)
    {
        _limiter.Charge(RequestWeights.InfoItems(type, items.Count));
        return items;
    }
}
