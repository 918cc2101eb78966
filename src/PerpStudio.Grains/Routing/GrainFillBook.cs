using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Fills;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// The durable, cluster-wide fill book over <see cref="IVenueFillBookGrain"/>: a fill sink that records each
/// (venue, fill id) once, and the <see cref="IAllocatedPositions"/> reconciliation compares with the venues.
/// </summary>
public sealed class GrainFillBook(IGrainFactory grains) : IFillSink, IAllocatedPositions
{
    /// <inheritdoc />
    public async Task<FillApplication> ApplyAsync(RoutedFill fill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var f = fill.Fill;
        var added = await Book(fill.Owner.OperatorId, fill.Venue).ApplyAsync(new AppliedFill(f.FillId, f.Market, f.Side.Signed(f.Size), f.Time));
        return added ? FillApplication.Applied : FillApplication.AlreadyApplied;
    }

    /// <inheritdoc />
    public Task<Quantity> PositionAsync(string operatorId, VenueId venue, MarketId market, CancellationToken cancellationToken) =>
        Book(operatorId, venue).GetPositionAsync(market);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MarketId>> MarketsAsync(string operatorId, VenueId venue, CancellationToken cancellationToken) =>
        await Book(operatorId, venue).GetMarketsAsync();

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppliedFill>> AppliedFillsAsync(string operatorId, VenueId venue, MarketId market, DateTimeOffset since, CancellationToken cancellationToken) =>
        await Book(operatorId, venue).GetFillsAsync(market, since);

    private IVenueFillBookGrain Book(string operatorId, VenueId venue) =>
        grains.GetGrain<IVenueFillBookGrain>(RoutingGrainKeys.Checkpoint(operatorId, venue));
}
