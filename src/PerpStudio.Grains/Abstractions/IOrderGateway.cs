using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// Where the account grain sends orders (a plain service, not a grain). <c>DirectVenueOrderGateway</c> sends to one
/// venue; the order router backs it in production. Implementations must be idempotent by
/// <see cref="GatewayOrder.OrderId"/>: sending the same order id again never makes a second venue order.
/// </summary>
public interface IOrderGateway
{
    /// <summary>Sends an order; never throws for a venue's refusal or a transport failure (see <see cref="GatewayOutcome"/>).</summary>
    Task<GatewayResult> PlaceAsync(GatewayOrder order, CancellationToken cancellationToken);

    /// <summary>Cancels an order.</summary>
    Task<GatewayResult> CancelAsync(GatewayOrderRef order, CancellationToken cancellationToken);

    /// <summary>Changes a resting order's price or size.</summary>
    Task<GatewayResult> ModifyAsync(GatewayOrderRef order, Price? newPrice, Quantity? newSize, CancellationToken cancellationToken);

    /// <summary>The venue rates orders in a market are estimated with (pre-trade fee estimate).</summary>
    FeeSchedule FeeScheduleFor(MarketId market);
}

/// <summary>An order to send.</summary>
/// <param name="AccountKey">The owner (operatorId/traderId).</param>
/// <param name="OrderId">The platform's order id, used as the venue client order id: the idempotency key at the venue.</param>
/// <param name="Request">The order as the trader placed it (the gateway substitutes <paramref name="OrderId"/> as client order id).</param>
public sealed record GatewayOrder(string AccountKey, string OrderId, OrderRequest Request);

/// <summary>An order already sent.</summary>
/// <param name="AccountKey">The owner.</param>
/// <param name="OrderId">The platform's order id.</param>
/// <param name="Market">The market.</param>
/// <param name="Venue">The venue it went to, if known.</param>
/// <param name="VenueOrderId">The venue's id, if known.</param>
public sealed record GatewayOrderRef(string AccountKey, string OrderId, MarketId Market, string? Venue, string? VenueOrderId);

/// <summary>How a gateway call ended.</summary>
public enum GatewayOutcome
{
    /// <summary>Accepted and resting (or pending trigger).</summary>
    Resting,

    /// <summary>Entirely filled at once.</summary>
    Filled,

    /// <summary>Ended without (fully) filling: IOC remainder cancelled, cancelled on request.</summary>
    Cancelled,

    /// <summary>Refused by the venue; nothing rests.</summary>
    Rejected,

    /// <summary>The request surely never reached a venue: nothing happened there.</summary>
    NeverReached,

    /// <summary>The venue did not answer: the order may or may not exist (retry with the same order id).</summary>
    Unknown,
}

/// <summary>The gateway's answer.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Status">The order's status when the venue told us, for <see cref="GatewayOutcome.Resting"/> (open, partially filled, pending trigger).</param>
/// <param name="FilledSize">What the venue says has filled (fills arrive separately, by id).</param>
/// <param name="Venue">The venue, if any.</param>
/// <param name="VenueOrderId">The venue's id, if any.</param>
/// <param name="Error">The refusal or failure, or null.</param>
public sealed record GatewayResult(GatewayOutcome Outcome, OrderStatus Status, Quantity FilledSize, string? Venue, string? VenueOrderId, DomainError? Error);
