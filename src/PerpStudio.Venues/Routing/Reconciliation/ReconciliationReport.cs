using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Reconciliation;

/// <summary>
/// A market where the venue account's position differs from what the platform attributes to it, with the fills that
/// explain it: venue fills the platform never applied, and applied fills the venue does not know.
/// </summary>
/// <param name="Venue">The venue.</param>
/// <param name="Market">The market.</param>
/// <param name="VenuePosition">The venue account's signed position.</param>
/// <param name="AllocatedPosition">The sum of the traders' positions the platform holds there.</param>
/// <param name="UnappliedVenueFills">Venue fills (within the window) whose ids the platform has not applied.</param>
/// <param name="UnknownToVenue">Fills the platform applied that the venue's history (within the window) does not have.</param>
/// <param name="Explained">True when those fills account for the whole difference, to the unit.</param>
public sealed record PositionDifference(
    VenueId Venue,
    MarketId Market,
    Quantity VenuePosition,
    Quantity AllocatedPosition,
    IReadOnlyList<VenueFill> UnappliedVenueFills,
    IReadOnlyList<AppliedFill> UnknownToVenue,
    bool Explained)
{
    /// <summary>Venue position less allocated position.</summary>
    public Quantity Difference => VenuePosition - AllocatedPosition;
}

/// <summary>A venue that could not be checked.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Reason">Why.</param>
public sealed record VenueCheckFailure(VenueId Venue, string Reason);

/// <summary>The result of one reconciliation of an operator's venue accounts.</summary>
/// <param name="OperatorId">The operator.</param>
/// <param name="CheckedAt">When it ran.</param>
/// <param name="Differences">Every market that differs.</param>
/// <param name="Failures">Venues that could not be read.</param>
public sealed record ReconciliationReport(string OperatorId, DateTimeOffset CheckedAt, IReadOnlyList<PositionDifference> Differences, IReadOnlyList<VenueCheckFailure> Failures)
{
    /// <summary>True when every venue was read and nothing differs.</summary>
    public bool IsClean => Differences.Count == 0 && Failures.Count == 0;
}

/// <summary>What a recovery applied.</summary>
/// <param name="Applied">Fills the sink applied now.</param>
/// <param name="AlreadyApplied">Fills the sink had applied meanwhile.</param>
/// <param name="Unattributed">Fills the directory does not know (orders the router did not place): left for a person.</param>
public sealed record RecoveryReport(int Applied, int AlreadyApplied, IReadOnlyList<VenueFill> Unattributed);
