using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Markets;

/// <summary>
/// The market grain's administration and price intake (key: market symbol), beside <see cref="IMarketGrain"/> which the
/// accounts read: both are served by one activation of <see cref="MarketGrain"/>.
/// </summary>
public interface IMarketFeedGrain : IGrainWithStringKey
{
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
