using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Grains.Markets;

/// <summary>
/// Reads each venue's prices for each market and reports them to the market grains, one source per venue (a plain
/// service outside grain turns). A venue that does not answer is skipped: its last reading ages until it is stale.
/// Funding rates are turned into hourly rates from the venue's interval.
/// </summary>
public sealed class VenuePriceFeed(IReadOnlyList<IVenue> venues, IGrainFactory grains)
{
    /// <summary>Polls every venue for every market once; returns how many readings were reported.</summary>
    public async Task<int> PollOnceAsync(IReadOnlyCollection<MarketId> markets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markets);
        var reported = 0;
        foreach (var venue in venues)
        {
            foreach (var market in markets)
            {
                Result<MarketPrices> prices;
                try
                {
                    prices = await venue.GetMarketPricesAsync(market, cancellationToken);
                }
                catch (VenueUnavailableException)
                {
                    continue;
                }

                if (!prices.IsSuccess)
                {
                    continue;
                }

                var p = prices.Value;
                var reading = new PriceSourceReading(venue.Id.Value, p.Mark, p.Oracle, Hourly(p.FundingRate, venue.Capabilities.FundingInterval), p.Time);
                if ((await grains.GetGrain<IMarketFeedGrain>(market.Symbol).ReportPricesAsync(reading)).IsSuccess)
                {
                    reported++;
                }
            }
        }

        return reported;
    }

    /// <summary>A rate per interval as a rate per hour, rounded toward zero.</summary>
    public static Rate Hourly(Rate perInterval, TimeSpan interval) =>
        interval <= TimeSpan.Zero || interval == TimeSpan.FromHours(1)
            ? perInterval
            : new Rate(FixedPoint.MulDiv(perInterval.Units, TimeSpan.TicksPerHour, interval.Ticks, Rounding.TowardZero));
}
