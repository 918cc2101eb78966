using System.Collections.Concurrent;
using System.Diagnostics;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Host.Venues;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;
using GrainOrderStatus = PerpStudio.Grains.Abstractions.OrderStatus;

namespace PerpStudio.Host.Routing;

/// <summary>
/// The account grains' <see cref="IOrderGateway"/> over the <see cref="OrderRouter"/>: an order is planned across the
/// operator's venues for its market and executed, under the platform order id as the router's client order id (so a
/// retry re-finds the same legs). Cancels and modifies act on every leg the router recorded for the order.
/// </summary>
public sealed class RouterOrderGateway(
    OrderRouter router,
    IRoutedOrderDirectory directory,
    OperatorRoutingPolicies policies,
    VenueFleet fleet,
    TraderOrderIds traderOrderIds,
    GatewayTimings timings,
    TimeProvider time) : IOrderGateway
{
    private static readonly TimeSpan ExecutionBudget = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<MarketId, FeeSchedule> _fees = new();

    /// <inheritdoc />
    public async Task<GatewayResult> PlaceAsync(GatewayOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var owner = OwnerOf(order.AccountKey);
        traderOrderIds.Remember(order.OrderId, order.Request.ClientOrderId);
        try
        {
            var policy = await policies.ForAsync(owner.OperatorId, order.Request.Market);
            var request = order.Request with { ClientOrderId = new ClientOrderId(order.OrderId) };
            var started = Stopwatch.GetTimestamp();
            var plan = await router.PlanAsync(new RouteRequest(owner, request, policy), cancellationToken);
            timings.Plan(Stopwatch.GetTimestamp() - started);
            if (plan.Refusal is { } refusal)
            {
                return new GatewayResult(GatewayOutcome.Rejected, GrainOrderStatus.Rejected, Quantity.Zero, null, null, refusal);
            }

            started = Stopwatch.GetTimestamp();
            var report = await router.ExecuteAsync(plan, time.GetUtcNow() + ExecutionBudget, cancellationToken);
            timings.Execute(Stopwatch.GetTimestamp() - started);
            return ExecutionOutcome.Of(report);
        }
        catch (VenueUnavailableException ex)
        {
            return Unreached(ex.Message);
        }
    }

    /// <inheritdoc />
    public async Task<GatewayResult> CancelAsync(GatewayOrderRef order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var started = Stopwatch.GetTimestamp();
        var owner = OwnerOf(order.AccountKey);
        var legs = await LiveLegsAsync(owner, order.OrderId, cancellationToken);
        if (legs.Count == 0)
        {
            return new GatewayResult(GatewayOutcome.Rejected, GrainOrderStatus.Rejected, Quantity.Zero, order.Venue, order.VenueOrderId,
                VenueRejectCodes.UnknownOrderError(order.OrderId));
        }

        var results = new List<VenueOrder>();
        DomainError? error = null;
        foreach (var (leg, venue) in legs)
        {
            var result = await venue.CancelOrderByClientIdAsync(leg.LegId, cancellationToken);
            if (result.IsSuccess)
            {
                results.Add(result.Value);
            }
            else
            {
                error ??= result.Error;
            }
        }

        timings.Cancel(Stopwatch.GetTimestamp() - started);
        return ExecutionOutcome.OfOrders(results, error);
    }

    /// <inheritdoc />
    public async Task<GatewayResult> ModifyAsync(GatewayOrderRef order, Price? newPrice, Quantity? newSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var owner = OwnerOf(order.AccountKey);
        var legs = await LiveLegsAsync(owner, order.OrderId, cancellationToken);
        if (legs.Count != 1)
        {
            // a split order's size cannot be changed leg by leg without choosing how to divide it: refuse plainly
            return new GatewayResult(GatewayOutcome.Rejected, GrainOrderStatus.Rejected, Quantity.Zero, order.Venue, order.VenueOrderId,
                legs.Count == 0
                    ? VenueRejectCodes.UnknownOrderError(order.OrderId)
                    : new DomainError(ErrorKind.FailedPrecondition, "order_split", "client_order_id", $"order {order.OrderId} rests at {legs.Count} venues; cancel and place it again"));
        }

        var (leg, venue) = legs[0];
        var modified = await venue.ModifyOrderAsync(new PerpStudio.Venues.Contract.ModifyOrderRequest(leg.LegId, newPrice, newSize), cancellationToken);
        return modified.IsSuccess ? ExecutionOutcome.OfOrders([modified.Value], null) : ExecutionOutcome.OfOrders([], modified.Error);
    }

    /// <inheritdoc />
    public FeeSchedule FeeScheduleFor(MarketId market) => _fees.GetOrAdd(market, fleet.FeeScheduleFor);

    private static OrderOwner OwnerOf(string accountKey)
    {
        var (operatorId, traderId) = GrainKeys.ParseAccount(accountKey);
        return new OrderOwner(operatorId, traderId);
    }

    private static GatewayResult Unreached(string why) =>
        new(GatewayOutcome.NeverReached, GrainOrderStatus.NeverReached, Quantity.Zero, null, null,
            new DomainError(ErrorKind.FailedPrecondition, "venue_unavailable", string.Empty, why));

    private async Task<List<(RoutedLeg Leg, IVenue Venue)>> LiveLegsAsync(OrderOwner owner, string orderId, CancellationToken cancellationToken)
    {
        var recorded = await directory.LegsOfAsync(owner, new ClientOrderId(orderId), cancellationToken);
        var legs = new List<(RoutedLeg, IVenue)>();
        foreach (var leg in recorded.GroupBy(l => l.Ordinal).Select(g => g.MaxBy(l => l.Attempt)!))
        {
            if (fleet.Accounts.Find(owner.OperatorId, leg.Venue) is { } venue)
            {
                legs.Add((leg, venue));
            }
        }

        return legs;
    }
}
