using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>Where an order stands at the venue.</summary>
public enum VenueOrderStatus
{
    /// <summary>A TP/SL order held aside until the mark crosses its trigger price.</summary>
    PendingTrigger,

    /// <summary>Resting on the book with nothing filled.</summary>
    Open,

    /// <summary>Resting on the book with part filled.</summary>
    PartiallyFilled,

    /// <summary>Entirely filled (terminal).</summary>
    Filled,

    /// <summary>Cancelled by request, by its time in force, by self-trade prevention or by reduce-only trimming; may carry a partial fill (terminal).</summary>
    Cancelled,

    /// <summary>Refused by the venue after it was received (post-only would cross, reduce-only would increase...); the reason is in <see cref="VenueOrder.Reject"/> (terminal).</summary>
    Rejected,
}

/// <summary>What a <see cref="VenueOrderStatus"/> says about the order.</summary>
public static class VenueOrderStatuses
{
    /// <summary>True for a status after which nothing more can happen to the order (filled, cancelled, rejected).</summary>
    public static bool IsTerminal(this VenueOrderStatus status) =>
        status is VenueOrderStatus.Filled or VenueOrderStatus.Cancelled or VenueOrderStatus.Rejected;
}

/// <summary>The venue's view of one order of the platform's account.</summary>
/// <param name="ClientOrderId">The platform's id for the order: unique per venue account and idempotent.</param>
/// <param name="VenueOrderId">The venue's id, or null when the venue never assigned one (rejected at once).</param>
/// <param name="Request">The order as placed (after any modification: current price and total size).</param>
/// <param name="FilledSize">How much has filled so far.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Reject">Why it was rejected or cancelled by the venue (null when cancelled on request, filled or live).</param>
/// <param name="UpdatedAt">When its state last changed.</param>
public sealed record VenueOrder(
    ClientOrderId ClientOrderId,
    VenueOrderId? VenueOrderId,
    OrderRequest Request,
    Quantity FilledSize,
    VenueOrderStatus Status,
    DomainError? Reject,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The market.</summary>
    public MarketId Market => Request.Market;

    /// <summary>Size not yet filled (zero once terminal and filled).</summary>
    public Quantity RemainingSize => Request.Size - FilledSize;

    /// <summary>True once nothing more can happen to the order.</summary>
    public bool IsTerminal => Status.IsTerminal();
}
