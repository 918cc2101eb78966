using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>A venue's prices for one market.</summary>
/// <param name="Market">The market.</param>
/// <param name="Mark">The venue's mark price (what its margin and triggers use).</param>
/// <param name="Oracle">The venue's oracle / index price.</param>
/// <param name="FundingRate">The current funding rate per <see cref="VenueCapabilities.FundingInterval"/>; positive: longs pay shorts.</param>
/// <param name="NextFundingTime">When funding is next settled.</param>
/// <param name="Time">When the venue produced these prices.</param>
public sealed record MarketPrices(
    MarketId Market,
    Price Mark,
    Price Oracle,
    Rate FundingRate,
    DateTimeOffset NextFundingTime,
    DateTimeOffset Time);
