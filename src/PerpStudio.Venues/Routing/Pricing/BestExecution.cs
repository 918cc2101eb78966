using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Routing.Pricing;

/// <summary>
/// Chooses where an order goes, from the venues' books and fees, with exact arithmetic. The rules:
/// <list type="bullet">
/// <item>Taker orders (market, IOC, crossing GTC): walk every eligible book within the price bound and take, level by
/// level, the cheapest price including the venue's taker fee (ties: the preferred venue), each venue's part a multiple
/// of its lot. A part below its venue's minimum notional is merged away: that venue is dropped and the walk redone.
/// Size the books cannot fill goes to the leg that gave the first (cheapest) fill whose lot holds it (the venue
/// cancels what it cannot fill for IOC; it rests for GTC, see next).</item>
/// <item>Resting orders (post-only, a GTC limit that crosses nowhere, the remainder of a crossing GTC) go to one venue:
/// the eligible one with the lowest maker rate, ties to the preferred venue; post-only never to a book it would cross.</item>
/// <item>Trigger orders go to one venue: the lowest taker rate (they take when they fire), ties to the preferred venue.</item>
/// <item>Without splitting, each venue is priced alone and the one filling most at the best total is chosen.</item>
/// </list>
/// </summary>
public static class BestExecution
{
    /// <summary>Chooses the route of <paramref name="order"/> over <paramref name="candidates"/> (in preference order).</summary>
    public static RouteSelection Select(OrderRequest order, IReadOnlyList<VenueCandidate> candidates, bool allowSplit)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(candidates);
        var route = new RouteWork(order, candidates);
        if (!order.Size.IsPositive)
        {
            return route.Refuse(RouteKind.Taker, Refusals.NotPositive("size", order.Size.ToString()));
        }

        if (order.Trigger != TriggerKind.None)
        {
            return route.RouteSingle(RouteKind.Trigger);
        }

        if (order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.PostOnly)
        {
            return route.RouteSingle(RouteKind.Resting);
        }

        if (order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.Gtc && !route.AnyCrosses)
        {
            return route.RouteSingle(RouteKind.Resting);
        }

        return route.RouteTaker(allowSplit);
    }

    /// <summary>Exact money of a notional in sub-units and its taker fee: the notional rounds against the trader, the fee up.</summary>
    internal static (Money Notional, Money Fee, Money Total) Cost(Int128 notionalSubUnits, Rate rate, Side side)
    {
        var buy = side == Side.Buy;
        var notional = new Money(FixedPoint.Divide(notionalSubUnits, FixedPoint.NotionalDivisor, buy ? Rounding.Ceiling : Rounding.Floor));
        var feeBase = new Money(FixedPoint.Divide(notionalSubUnits, FixedPoint.NotionalDivisor, Rounding.Ceiling));
        var fee = feeBase.Times(rate, Rounding.Ceiling);
        return (notional, fee, buy ? notional + fee : notional - fee);
    }

    /// <summary>True when <paramref name="a"/> is a better total than <paramref name="b"/> for this side: less paid, or more received.</summary>
    internal static bool Cheaper(Money a, Money b, Side side) => side == Side.Buy ? a < b : a > b;

    internal static Price? Average(Int128 notionalSubUnits, long sizeUnits) =>
        sizeUnits == 0 ? null : new Price(FixedPoint.Divide(notionalSubUnits, sizeUnits, Rounding.HalfEven));
}
