namespace PerpStudio.Venues.Hyperliquid.RateLimits;

/// <summary>The weights of Hyperliquid's per-IP REST limit (the docs' "Rate limits and user limits").</summary>
public static class RequestWeights
{
    /// <summary>Weight a minute per IP, /info and /exchange together.</summary>
    public const int PerMinute = 1200;

    /// <summary>An /exchange action: 1 + floor(batch length / 40).</summary>
    public static int Exchange(int batchLength) => 1 + (Math.Max(batchLength, 0) / 40);

    /// <summary>An /info request's weight before what it returns is counted.</summary>
    public static int Info(string requestType) => requestType switch
    {
        "l2Book" or "allMids" or "clearinghouseState" or "orderStatus" or "spotClearinghouseState" or "exchangeStatus" => 2,
        "userRole" => 60,
        _ => 20,
    };

    /// <summary>The extra weight an /info answer costs for the items it returned (per 20, or per 60 for candles).</summary>
    public static int InfoItems(string requestType, int items) => requestType switch
    {
        "recentTrades" or "historicalOrders" or "userFills" or "userFillsByTime" or "fundingHistory" or "userFunding"
            or "nonUserFundingUpdates" or "twapHistory" or "userTwapSliceFills" or "userTwapSliceFillsByTime"
            or "delegatorHistory" or "delegatorRewards" or "validatorStats" => items / 20,
        "candleSnapshot" => items / 60,
        _ => 0,
    };
}
