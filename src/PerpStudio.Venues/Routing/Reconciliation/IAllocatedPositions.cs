using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Reconciliation;

/// <summary>A fill the platform applied, as reconciliation needs it.</summary>
/// <param name="FillId">The venue's fill id.</param>
/// <param name="Market">The market.</param>
/// <param name="SignedSize">The size signed by side (a buy adds, a sell subtracts).</param>
/// <param name="Time">When the venue executed it.</param>
public sealed record AppliedFill(VenueFillId FillId, MarketId Market, Quantity SignedSize, DateTimeOffset Time);

/// <summary>
/// What the platform attributes to each of an operator's venue accounts: the sum of its traders' positions held there,
/// and the fills it applied. The grains provide it; <see cref="InMemoryFillBook"/> serves tests and the embedded host.
/// </summary>
public interface IAllocatedPositions
{
    /// <summary>The sum of the traders' signed positions the platform holds at the venue in the market.</summary>
    Task<Quantity> PositionAsync(string operatorId, VenueId venue, MarketId market, CancellationToken cancellationToken);

    /// <summary>The markets in which the platform holds or held anything at the venue.</summary>
    Task<IReadOnlyList<MarketId>> MarketsAsync(string operatorId, VenueId venue, CancellationToken cancellationToken);

    /// <summary>The fills the platform applied from the venue in the market executed at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<AppliedFill>> AppliedFillsAsync(string operatorId, VenueId venue, MarketId market, DateTimeOffset since, CancellationToken cancellationToken);
}
