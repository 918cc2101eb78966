using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// A market (key: the market symbol): spec, oracle and mark price, funding rate. Accounts and isolated positions read
/// its snapshot for pre-trade checks and margin figures; it never calls an account (so no call cycle can form).
/// </summary>
public interface IMarketGrain : IGrainWithStringKey
{
    /// <summary>The market's spec and prices now. A market with no price yet reports <see cref="MarketSnapshot.Mark"/> zero and stale.</summary>
    Task<MarketSnapshot> GetSnapshotAsync();

    /// <summary>Lists or re-lists the market (spec and price settings); an invalid spec or settings is refused and changes nothing.</summary>
    Task<Result<MarketSnapshot>> ListAsync(MarketListing listing);

    /// <summary>Records one source's latest prices and returns the aggregate (sources discarded as outliers are named in it).</summary>
    Task<Result<MarkAggregate>> ReportPricesAsync(PriceSourceReading reading);

    /// <summary>Open interest on the platform: the sums of long and of |short| sizes held by its traders.</summary>
    Task<OpenInterest> GetOpenInterestAsync();
}

/// <summary>The platform's open positions in a market.</summary>
/// <param name="Long">Sum of long sizes.</param>
/// <param name="Short">Sum of |short| sizes.</param>
public sealed record OpenInterest(Quantity Long, Quantity Short);

/// <summary>What an account needs of a market at one moment.</summary>
/// <param name="Spec">Tick, lot, minimum notional, margin tiers.</param>
/// <param name="Mark">The mark price margin is computed at.</param>
/// <param name="Oracle">The oracle (index) price funding is computed at.</param>
/// <param name="FundingRate">The current funding rate per interval (positive: longs pay).</param>
/// <param name="MarkTime">When the mark was last updated.</param>
/// <param name="IsStale">True when the market itself considers its mark stale (no fresh venue price).</param>
public sealed record MarketSnapshot(MarketSpec Spec, Price Mark, Price Oracle, Rate FundingRate, DateTimeOffset MarkTime, bool IsStale);
