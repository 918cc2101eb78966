using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing;

/// <summary>Where one leg ended up.</summary>
public enum LegStatus
{
    /// <summary>A venue holds the leg (open, filled, partially filled, pending trigger, or cancelled by IOC after fills).</summary>
    Accepted,

    /// <summary>A venue took the leg id but rejected the order (post-only would cross, no liquidity...): the id is spent, nothing is live.</summary>
    RejectedByVenue,

    /// <summary>No venue ever took the leg: every attempt was refused or failed before acceptance. Its margin can be released.</summary>
    NeverReached,

    /// <summary>The deadline passed before a venue confirmed whether it took the leg: keep the margin; the fill feed and reconciliation settle it.</summary>
    Unknown,
}

/// <summary>One try of a leg at one venue.</summary>
/// <param name="Attempt">0 as planned, then each re-route.</param>
/// <param name="Venue">The venue tried.</param>
/// <param name="LegId">The leg id sent.</param>
/// <param name="Outcome">What happened, in words.</param>
public sealed record LegAttempt(int Attempt, VenueId Venue, ClientOrderId LegId, string Outcome);

/// <summary>The result of one plan leg, across its re-routes.</summary>
/// <param name="Ordinal">The plan leg.</param>
/// <param name="Size">The leg's size.</param>
/// <param name="Status">Where it ended up.</param>
/// <param name="Final">The last leg record tried (the one a venue holds when accepted).</param>
/// <param name="Order">The venue's view of the order when accepted or rejected by the venue.</param>
/// <param name="Attempts">Every try, in order.</param>
public sealed record LegExecution(int Ordinal, Quantity Size, LegStatus Status, RoutedLeg Final, VenueOrder? Order, IReadOnlyList<LegAttempt> Attempts);

/// <summary>What executing a plan achieved.</summary>
/// <param name="Plan">The plan executed.</param>
/// <param name="Legs">Each leg's result.</param>
public sealed record ExecutionReport(RoutePlan Plan, IReadOnlyList<LegExecution> Legs)
{
    /// <summary>The plan's refusal, if it had one (then nothing was sent).</summary>
    public DomainError? Refusal => Plan.Refusal;

    /// <summary>True when the order never reached any venue: the caller releases all the margin it reserved.</summary>
    public bool NeverReachedAnyVenue => Refusal is not null || Legs.Count == 0 || Legs.All(l => l.Status == LegStatus.NeverReached);

    /// <summary>True when some leg's outcome is unknown (keep its margin until the fill feed or reconciliation settles it).</summary>
    public bool HasUnknownOutcome => Legs.Any(l => l.Status == LegStatus.Unknown);

    /// <summary>The size no venue took: the margin for it can be released.</summary>
    public Quantity UnreachedSize => NeverReachedAnyVenue
        ? Plan.Order.Size
        : Legs.Where(l => l.Status == LegStatus.NeverReached).Aggregate(Quantity.Zero, (sum, l) => sum + l.Size);

    /// <summary>The size venues hold (accepted legs).</summary>
    public Quantity AcceptedSize => Legs.Where(l => l.Status == LegStatus.Accepted).Aggregate(Quantity.Zero, (sum, l) => sum + l.Size);
}
