using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Markets;

/// <summary>One source's prices for a market (a venue's mark, oracle and funding rate), as the price feed reads them.</summary>
/// <param name="Source">The source's stable name (a venue id).</param>
/// <param name="Mark">The source's mark price.</param>
/// <param name="Oracle">The source's oracle (index) price.</param>
/// <param name="FundingRate">The source's funding rate for one hour (positive: longs pay).</param>
/// <param name="Time">When the source produced them.</param>
public sealed record PriceSourceReading(string Source, Price Mark, Price Oracle, Rate FundingRate, DateTimeOffset Time);

/// <summary>How a market turns its sources into one mark.</summary>
/// <param name="StaleAfter">A reading older than this no longer counts; with fewer than <paramref name="MinSources"/>
/// fresh readings the market is stale and risk-increasing orders are refused.</param>
/// <param name="OutlierBand">A reading whose mark is farther than this from the median of all fresh readings is
/// discarded (and reported); the mark is the median of the rest.</param>
/// <param name="MinSources">How many fresh, agreeing sources a fresh mark needs (3 tolerates one bad source).</param>
/// <param name="FundingCap">The largest hourly funding rate either way (Hyperliquid caps at 4% an hour).</param>
public sealed record MarketPriceSettings(TimeSpan StaleAfter, Rate OutlierBand, int MinSources, Rate FundingCap)
{
    /// <summary>30 s, 2%, three sources, 4% an hour.</summary>
    public static readonly MarketPriceSettings Default = new(TimeSpan.FromSeconds(30), Rate.Parse("0.02"), 3, Rate.Parse("0.04"));

    /// <summary>The first thing wrong with the settings, or null.</summary>
    public string? Problem() =>
        StaleAfter <= TimeSpan.Zero ? "stale_after must be positive"
        : !OutlierBand.IsPositive || OutlierBand.Units >= Rate.Scale ? "outlier_band must be above 0 and below 1"
        : MinSources < 1 ? "min_sources must be at least 1"
        : FundingCap.IsNegative ? "funding_cap must not be negative"
        : null;
}

/// <summary>What the sources say together at one moment.</summary>
/// <param name="Mark">Median of the kept sources' marks (zero when none is fresh).</param>
/// <param name="Oracle">Median of the kept sources' oracle prices.</param>
/// <param name="FundingRate">Median of the kept sources' hourly rates, within the cap.</param>
/// <param name="Time">The newest kept reading's time.</param>
/// <param name="Kept">The sources the mark is made of.</param>
/// <param name="Discarded">Fresh sources discarded as outliers.</param>
/// <param name="IsStale">True when fewer than the minimum of sources are fresh and agree.</param>
public sealed record MarkAggregate(Price Mark, Price Oracle, Rate FundingRate, DateTimeOffset Time, IReadOnlyList<string> Kept, IReadOnlyList<string> Discarded, bool IsStale);

/// <summary>A market as listed: its spec and how its prices are aggregated.</summary>
/// <param name="Spec">Tick, lot, minimum notional, margin tiers.</param>
/// <param name="Prices">How the mark is made and when it is stale.</param>
public sealed record MarketListing(Domain.Markets.MarketSpec Spec, MarketPriceSettings Prices);
