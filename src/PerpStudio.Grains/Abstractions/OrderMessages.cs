using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Abstractions;

/// <summary>Where an account's order stands.</summary>
public enum OrderStatus
{
    /// <summary>Recorded and margin reserved; not yet acknowledged by a venue (or its outcome is unknown).</summary>
    Pending,

    /// <summary>Resting at a venue, nothing filled.</summary>
    Open,

    /// <summary>Resting at a venue, part filled.</summary>
    PartiallyFilled,

    /// <summary>A TP/SL held until its trigger.</summary>
    PendingTrigger,

    /// <summary>Entirely filled (terminal).</summary>
    Filled,

    /// <summary>Cancelled (terminal; may carry a partial fill).</summary>
    Cancelled,

    /// <summary>Refused by the venue (terminal).</summary>
    Rejected,

    /// <summary>Never reached a venue (terminal): its margin was released.</summary>
    NeverReached,
}

/// <summary>An order as the account holds it.</summary>
/// <param name="OrderId">The platform's id: also the client order id sent to the venue.</param>
/// <param name="ClientOrderId">The trader's client order id.</param>
/// <param name="Request">The order (after any modification).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="FilledSize">Filled so far (by fills applied).</param>
/// <param name="Reserved">Margin still reserved for its unfilled part.</param>
/// <param name="Venue">The venue it was sent to, once known.</param>
/// <param name="VenueOrderId">The venue's id, once known.</param>
/// <param name="Reject">Why it was refused or rejected, or null.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record OrderView(
    string OrderId,
    ClientOrderId ClientOrderId,
    OrderRequest Request,
    OrderStatus Status,
    Quantity FilledSize,
    Money Reserved,
    string? Venue,
    string? VenueOrderId,
    DomainError? Reject,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True once nothing more can happen to it.</summary>
    public bool IsTerminal => Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.NeverReached;
}

/// <summary>The answer to an order operation: the order (when one exists), the refusal (when refused), and whether it repeated an earlier request.</summary>
/// <param name="Order">The order's state, or null when refused before one was recorded.</param>
/// <param name="Error">The refusal, or null.</param>
/// <param name="Duplicate">True when the client order id was already known and <paramref name="Order"/> is that order.</param>
public sealed record OrderResult(OrderView? Order, DomainError? Error, bool Duplicate)
{
    /// <summary>True when there is no refusal.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A refusal before anything was recorded.</summary>
    public static OrderResult Refused(DomainError error) => new(null, error, false);
}

/// <summary>A change to a resting limit order.</summary>
/// <param name="ClientOrderId">The order.</param>
/// <param name="NewPrice">New limit price, or null to keep it.</param>
/// <param name="NewSize">New total size, or null to keep it.</param>
public sealed record OrderModification(ClientOrderId ClientOrderId, Price? NewPrice, Quantity? NewSize);

/// <summary>Close a position with a reduce-only market order.</summary>
/// <param name="ClientOrderId">The closing order's client id (idempotency).</param>
/// <param name="Market">The market.</param>
/// <param name="Mode">Cross or isolated position.</param>
/// <param name="Size">How much to close, or null for all.</param>
/// <param name="WorstPrice">Optional worst execution price.</param>
public sealed record ClosePosition(ClientOrderId ClientOrderId, MarketId Market, MarginMode Mode, Quantity? Size = null, Price? WorstPrice = null);

/// <summary>A venue fill of one of the account's orders, as the fill feed delivers it.</summary>
/// <param name="FillId">Unique per venue account; the exactly-once key.</param>
/// <param name="ClientOrderId">The trader's client order id of the order that filled.</param>
/// <param name="Market">The market.</param>
/// <param name="Side">The order's side.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Size">Executed size, positive.</param>
/// <param name="Liquidity">Maker or taker.</param>
/// <param name="VenueFees">The venue's rates (the base the operator's markup is added to).</param>
/// <param name="Venue">The venue.</param>
/// <param name="Time">When it executed.</param>
public sealed record AccountFill(
    string FillId,
    ClientOrderId ClientOrderId,
    MarketId Market,
    Side Side,
    Price Price,
    Quantity Size,
    Liquidity Liquidity,
    FeeSchedule VenueFees,
    string Venue,
    DateTimeOffset Time);

/// <summary>A fill as applied to the account.</summary>
/// <param name="Sequence">The account's fill number (1, 2, ...).</param>
/// <param name="FillId">The venue fill id.</param>
/// <param name="OrderId">The platform order id.</param>
/// <param name="ClientOrderId">The trader's client order id.</param>
/// <param name="Market">The market.</param>
/// <param name="Mode">Cross or isolated.</param>
/// <param name="Side">The side.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Size">Executed size.</param>
/// <param name="Liquidity">Maker or taker.</param>
/// <param name="Fee">What the trader paid and how it split.</param>
/// <param name="RealizedPnl">PnL realized by the fill.</param>
/// <param name="PositionAfter">Signed position size after.</param>
/// <param name="BadDebt">Loss beyond an isolated position's margin at close (covered by insurance), else zero.</param>
/// <param name="Venue">The venue.</param>
/// <param name="Time">When it executed.</param>
public sealed record FillView(
    long Sequence,
    string FillId,
    string OrderId,
    ClientOrderId ClientOrderId,
    MarketId Market,
    MarginMode Mode,
    Side Side,
    Price Price,
    Quantity Size,
    Liquidity Liquidity,
    FeeCharge Fee,
    Money RealizedPnl,
    Quantity PositionAfter,
    Money BadDebt,
    string Venue,
    DateTimeOffset Time);

/// <summary>The answer to <see cref="IAccountGrain.ApplyFillAsync"/>.</summary>
/// <param name="Fill">The fill as applied (the first application when <paramref name="Duplicate"/>; null when refused).</param>
/// <param name="Duplicate">True when the fill id was already applied: nothing changed.</param>
/// <param name="Error">Why it could not be applied (unknown order...), or null.</param>
public sealed record FillOutcome(FillView? Fill, bool Duplicate, DomainError? Error);

/// <summary>A venue's report of an order's state.</summary>
/// <param name="OrderId">The platform order id (the venue client order id).</param>
/// <param name="Status">The status at the venue.</param>
/// <param name="VenueFilledSize">What the venue says has filled (fills themselves arrive separately).</param>
/// <param name="VenueOrderId">The venue's id, if any.</param>
/// <param name="Reject">The venue's reason, if rejected or cancelled by it.</param>
/// <param name="Time">When it changed.</param>
public sealed record AccountOrderUpdate(string OrderId, OrderStatus Status, Quantity VenueFilledSize, string? VenueOrderId, DomainError? Reject, DateTimeOffset Time);
