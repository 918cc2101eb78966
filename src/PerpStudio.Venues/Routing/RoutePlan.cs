using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Routing.Pricing;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing;

/// <summary>One leg of a plan: the order sent to one venue under its leg id.</summary>
/// <param name="Ordinal">The leg's place in the plan (0-based).</param>
/// <param name="LegId">The venue client order id (<see cref="LegIds"/>).</param>
/// <param name="Venue">The venue.</param>
/// <param name="Request">The order sent: the trader's order with the leg id and the leg's size.</param>
/// <param name="EstimatedFill">How much the book fills at once, as planned.</param>
/// <param name="EstimatedAveragePrice">Average price of that fill, or null.</param>
/// <param name="EstimatedNotional">Exact notional of that fill.</param>
/// <param name="EstimatedFee">Taker fee of that fill.</param>
public sealed record PlannedLeg(
    int Ordinal,
    ClientOrderId LegId,
    VenueId Venue,
    OrderRequest Request,
    Quantity EstimatedFill,
    Price? EstimatedAveragePrice,
    Money EstimatedNotional,
    Money EstimatedFee);

/// <summary>
/// An explainable route for one order: every venue of the policy priced or excluded with the reason, the legs, and
/// the decision in words. The account grain stores it before <see cref="OrderRouter.ExecuteAsync"/> so that a retry
/// executes the same legs.
/// </summary>
/// <param name="Owner">The trader.</param>
/// <param name="Order">The trader's order.</param>
/// <param name="Policy">The operator's rule used.</param>
/// <param name="PlannedAt">When it was planned.</param>
/// <param name="Kind">How it is routed.</param>
/// <param name="Venues">Each venue of the policy, priced or excluded, in preference order.</param>
/// <param name="Legs">The legs to send; empty when refused.</param>
/// <param name="Estimate">The estimated immediate execution.</param>
/// <param name="Decision">Which venues were chosen and why.</param>
/// <param name="Refusal">Why the order cannot be routed (nothing was sent; release the margin), or null.</param>
/// <param name="Resumed">True when the order's legs were already recorded (an earlier plan was executed): the plan continues them.</param>
public sealed record RoutePlan(
    OrderOwner Owner,
    OrderRequest Order,
    RoutingPolicy Policy,
    DateTimeOffset PlannedAt,
    RouteKind Kind,
    IReadOnlyList<VenuePricing> Venues,
    IReadOnlyList<PlannedLeg> Legs,
    RouteEstimate Estimate,
    string Decision,
    DomainError? Refusal,
    bool Resumed)
{
    /// <summary>True when there are legs to send.</summary>
    public bool IsRoutable => Refusal is null && Legs.Count > 0;

    /// <summary>The sum of the legs' sizes (the order's size when routable).</summary>
    public Quantity LegsSize => Legs.Aggregate(Quantity.Zero, (sum, leg) => sum + leg.Request.Size);
}
