using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;
using GrainOrderStatus = PerpStudio.Grains.Abstractions.OrderStatus;

namespace PerpStudio.Host.Routing;

/// <summary>Folds the router's per-leg results into the one answer the account grain records for the order.</summary>
public static class ExecutionOutcome
{
    /// <summary>The gateway result of an executed plan.</summary>
    public static GatewayResult Of(ExecutionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.NeverReachedAnyVenue)
        {
            var why = report.Refusal
                ?? new DomainError(ErrorKind.FailedPrecondition, "no_venue_reached", string.Empty,
                    string.Join("; ", report.Legs.SelectMany(l => l.Attempts).Select(a => $"{a.Venue}: {a.Outcome}")) is { Length: > 0 } detail
                        ? detail
                        : "no venue could take the order");
            return new GatewayResult(GatewayOutcome.NeverReached, GrainOrderStatus.NeverReached, Quantity.Zero, null, null, why);
        }

        if (report.HasUnknownOutcome)
        {
            var venues = Venues(report.Legs.Select(l => l.Final.Venue));
            return new GatewayResult(GatewayOutcome.Unknown, GrainOrderStatus.Pending, Filled(report.Legs.Select(l => l.Order)), venues, null, null);
        }

        var accepted = report.Legs.Where(l => l.Order is not null).ToList();
        return OfOrders([.. accepted.Select(l => l.Order!)], null, Venues(accepted.Select(l => l.Final.Venue)));
    }

    /// <summary>The gateway result of the venues' views of an order's legs (<paramref name="venue"/>: where they rest).</summary>
    public static GatewayResult OfOrders(IReadOnlyList<VenueOrder> orders, DomainError? error, string? venue = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0)
        {
            return new GatewayResult(GatewayOutcome.Rejected, GrainOrderStatus.Rejected, Quantity.Zero, null, null,
                error ?? new DomainError(ErrorKind.FailedPrecondition, "venue_refused", string.Empty, "the venue refused the request"));
        }

        var filled = Filled(orders);
        var venueOrderId = orders.Count == 1 ? orders[0].VenueOrderId?.Value : null;
        if (orders.Any(o => o.Status is VenueOrderStatus.Open or VenueOrderStatus.PartiallyFilled or VenueOrderStatus.PendingTrigger))
        {
            var status = orders.Any(o => o.Status == VenueOrderStatus.PendingTrigger) ? GrainOrderStatus.PendingTrigger
                : filled.IsPositive ? GrainOrderStatus.PartiallyFilled
                : GrainOrderStatus.Open;
            return new GatewayResult(GatewayOutcome.Resting, status, filled, venue, venueOrderId, null);
        }

        if (orders.All(o => o.Status == VenueOrderStatus.Filled))
        {
            return new GatewayResult(GatewayOutcome.Filled, GrainOrderStatus.Filled, filled, venue, venueOrderId, null);
        }

        if (orders.All(o => o.Status == VenueOrderStatus.Rejected))
        {
            return new GatewayResult(GatewayOutcome.Rejected, GrainOrderStatus.Rejected, Quantity.Zero, venue, venueOrderId, orders[0].Reject ?? error);
        }

        return new GatewayResult(GatewayOutcome.Cancelled, GrainOrderStatus.Cancelled, filled, venue, venueOrderId, orders.FirstOrDefault(o => o.Reject is not null)?.Reject);
    }

    private static Quantity Filled(IEnumerable<VenueOrder?> orders) =>
        orders.Where(o => o is not null).Aggregate(Quantity.Zero, (sum, o) => sum + o!.FilledSize);

    private static string Venues(IEnumerable<VenueId> venues) => string.Join(",", venues.Distinct().Select(v => v.Value));
}
