using System.Diagnostics.CodeAnalysis;
using PerpStudio.Domain.Errors;

namespace PerpStudio.Venues.Contract;

/// <summary>
/// The answer to a placement. Exactly one of two shapes:
/// <list type="bullet">
/// <item>the venue took the order: <see cref="Order"/> is set (its status says open, filled, cancelled by IOC, pending
/// trigger, or rejected by the book such as a crossing post-only, with <see cref="VenueOrder.Reject"/>); the client order
/// id is now spent and placing it again returns this order's current state with <see cref="Duplicate"/> true;</item>
/// <item>the request was refused on its face (off tick, off lot, unknown market, unsupported): <see cref="Error"/> is
/// set, <see cref="Order"/> is null and nothing changed, the client order id included.</item>
/// </list>
/// </summary>
/// <param name="Order">The order's state at the venue, or null when refused on input.</param>
/// <param name="Error">The refusal of the request, or null.</param>
/// <param name="Duplicate">True when the client order id was already known and <see cref="Order"/> is the earlier order.</param>
public sealed record PlaceOrderResult(VenueOrder? Order, DomainError? Error, bool Duplicate)
{
    /// <summary>True when the venue holds an order for the client order id (whatever its status).</summary>
    [MemberNotNullWhen(true, nameof(Order))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsAccepted => Order is not null;

    /// <summary>The rejection reason, whether the request was refused on input or the order was rejected by the book.</summary>
    public DomainError? RejectReason => Error ?? Order?.Reject;

    /// <summary>A new or duplicate order the venue holds.</summary>
    public static PlaceOrderResult Accepted(VenueOrder order, bool duplicate = false) => new(order, null, duplicate);

    /// <summary>A refusal on input that changed nothing.</summary>
    public static PlaceOrderResult Refused(DomainError error) => new(null, error, false);
}
