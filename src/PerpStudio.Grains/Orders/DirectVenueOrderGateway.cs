using System.Collections.Concurrent;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Grains.Orders;

/// <summary>
/// An <see cref="IOrderGateway"/> that sends every order to one venue under the platform order id, and remembers whose
/// each order is so that <see cref="DirectVenueFillFeed"/> can deliver its fills. The order router replaces it when
/// orders are routed across venues.
/// </summary>
/// <param name="venue">The venue (the operator's account there).</param>
public sealed class DirectVenueOrderGateway(IVenue venue) : IOrderGateway
{
    private readonly ConcurrentDictionary<string, OrderOwner> _owners = new(StringComparer.Ordinal);

    /// <summary>The venue orders go to.</summary>
    public IVenue Venue => venue;

    /// <summary>The account and client order id an order id belongs to, if this gateway sent it.</summary>
    public bool TryGetOwner(string orderId, out OrderOwner owner) => _owners.TryGetValue(orderId, out owner!);

    /// <inheritdoc />
    public async Task<GatewayResult> PlaceAsync(GatewayOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        _owners[order.OrderId] = new OrderOwner(order.AccountKey, order.Request.ClientOrderId);
        try
        {
            var result = await venue.PlaceOrderAsync(order.Request with { ClientOrderId = new ClientOrderId(order.OrderId) }, cancellationToken);
            return result.IsAccepted ? FromOrder(result.Order) : Failed(GatewayOutcome.Rejected, result.Error);
        }
        catch (VenueTimeoutException e)
        {
            return Failed(GatewayOutcome.Unknown, Unavailable(e));
        }
        catch (VenueUnavailableException e)
        {
            return Failed(GatewayOutcome.NeverReached, Unavailable(e));
        }
    }

    /// <inheritdoc />
    public async Task<GatewayResult> CancelAsync(GatewayOrderRef order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        try
        {
            var result = venue.Capabilities.CancelByClientOrderId || order.VenueOrderId is null
                ? await venue.CancelOrderByClientIdAsync(new ClientOrderId(order.OrderId), cancellationToken)
                : await venue.CancelOrderAsync(order.Market, new VenueOrderId(order.VenueOrderId), cancellationToken);
            return result.IsSuccess ? FromOrder(result.Value) : Failed(GatewayOutcome.Rejected, result.Error);
        }
        catch (VenueUnavailableException e)
        {
            return Failed(GatewayOutcome.Unknown, Unavailable(e));
        }
    }

    /// <inheritdoc />
    public async Task<GatewayResult> ModifyAsync(GatewayOrderRef order, Price? newPrice, Quantity? newSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        try
        {
            var result = await venue.ModifyOrderAsync(new ModifyOrderRequest(new ClientOrderId(order.OrderId), newPrice, newSize), cancellationToken);
            return result.IsSuccess ? FromOrder(result.Value) : Failed(GatewayOutcome.Rejected, result.Error);
        }
        catch (VenueUnavailableException e)
        {
            return Failed(GatewayOutcome.Unknown, Unavailable(e));
        }
    }

    /// <inheritdoc />
    public FeeSchedule FeeScheduleFor(MarketId market) => ScheduleOf(venue.Capabilities.Fees);

    /// <summary>The Domain's fee schedule for a venue's rates (a maker rebate counts as zero: the Domain prices no rebates).</summary>
    public static FeeSchedule ScheduleOf(VenueFeeSchedule fees)
    {
        ArgumentNullException.ThrowIfNull(fees);
        return new FeeSchedule(Rate.Max(Rate.Zero, fees.Maker), Rate.Max(Rate.Zero, fees.Taker));
    }

    /// <summary>The gateway's view of a venue order's state.</summary>
    public static GatewayResult FromOrder(VenueOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var venueId = order.VenueOrderId?.Value;
        return order.Status switch
        {
            VenueOrderStatus.Open => new GatewayResult(GatewayOutcome.Resting, OrderStatus.Open, order.FilledSize, null, venueId, null),
            VenueOrderStatus.PartiallyFilled => new GatewayResult(GatewayOutcome.Resting, OrderStatus.PartiallyFilled, order.FilledSize, null, venueId, null),
            VenueOrderStatus.PendingTrigger => new GatewayResult(GatewayOutcome.Resting, OrderStatus.PendingTrigger, order.FilledSize, null, venueId, null),
            VenueOrderStatus.Filled => new GatewayResult(GatewayOutcome.Filled, OrderStatus.Filled, order.FilledSize, null, venueId, null),
            VenueOrderStatus.Cancelled => new GatewayResult(GatewayOutcome.Cancelled, OrderStatus.Cancelled, order.FilledSize, null, venueId, order.Reject),
            _ => new GatewayResult(GatewayOutcome.Rejected, OrderStatus.Rejected, order.FilledSize, null, venueId, order.Reject),
        };
    }

    private GatewayResult Failed(GatewayOutcome outcome, DomainError? error) =>
        new(outcome, OrderStatus.Pending, Quantity.Zero, venue.Id.Value, null, error);

    private DomainError Unavailable(VenueUnavailableException e) =>
        new(ErrorKind.FailedPrecondition, "venue_unavailable", string.Empty, $"{venue.Id}: {e.Message}");
}

/// <summary>Whose an order is.</summary>
/// <param name="AccountKey">operatorId/traderId.</param>
/// <param name="ClientOrderId">The trader's client order id.</param>
public sealed record OrderOwner(string AccountKey, ClientOrderId ClientOrderId);
