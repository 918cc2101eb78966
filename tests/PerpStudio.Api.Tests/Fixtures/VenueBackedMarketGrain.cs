using PerpStudio.Domain.Markets;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Api.Tests.Fixtures;

/// <summary>
/// A market grain reading spec and prices from the simulated venue the tests trade on. When the venue cannot be
/// reached it answers with the last prices it saw, whose time then ages into staleness.
/// </summary>
public sealed class VenueBackedMarketGrain(IVenue venue) : Grain, IMarketGrain
{
    private MarketSnapshot? _last;

    /// <inheritdoc />
    public async Task<MarketSnapshot> GetSnapshotAsync()
    {
        var market = new MarketId(this.GetPrimaryKeyString());
        try
        {
            var spec = (await venue.GetMarketsAsync(CancellationToken.None)).FirstOrDefault(m => m.Id == market)?.Spec
                ?? throw new KeyNotFoundException($"the venue does not list {market}");
            var prices = await venue.GetMarketPricesAsync(market, CancellationToken.None);
            _last = new MarketSnapshot(spec, prices.Value.Mark, prices.Value.Oracle, prices.Value.FundingRate, prices.Value.Time, false);
        }
        catch (VenueUnavailableException) when (_last is not null)
        {
            // keep the last prices: their time says how old they are
        }

        return _last!;
    }
}
