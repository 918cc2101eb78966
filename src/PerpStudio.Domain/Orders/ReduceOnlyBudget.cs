using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Orders;

/// <summary>
/// The reduce-only orders open on a position may together close it and no more: a new one is trimmed to what the
/// others leave, and refused (<c>reduce_only_exceeds_position</c>) when they leave nothing. Otherwise two closes sized
/// to the whole position would both fill, and the second would open the opposite position the flag forbids.
/// </summary>
public static class ReduceOnlyBudget
{
    /// <summary>The code of the refusal when open reduce-only orders already cover the whole position.</summary>
    public const string ExceedsPosition = "reduce_only_exceeds_position";

    /// <summary>
    /// The order to place: unchanged unless it is reduce-only against the position, then at most the position less
    /// what <paramref name="pendingReduceOnly"/> (the unfilled sizes of the other open reduce-only orders on it) closes.
    /// Orders on the position's own side, or on a flat position, are left to <see cref="OrderValidator"/> to refuse.
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="position">The signed position in the order's market and margin mode.</param>
    /// <param name="pendingReduceOnly">Unfilled size of the other open reduce-only orders against the position.</param>
    public static Result<OrderRequest> Fit(OrderRequest order, Quantity position, Quantity pendingReduceOnly)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!order.ReduceOnly || position.IsZero || order.Side.Signed(order.Size).Sign != -position.Sign)
        {
            return order;
        }

        var left = position.Abs() - Quantity.Max(Quantity.Zero, pendingReduceOnly);
        if (!left.IsPositive)
        {
            return new DomainError(ErrorKind.FailedPrecondition, ExceedsPosition, "size",
                $"open reduce-only orders already close the whole position of {position}; nothing is left for another {order.Size}");
        }

        return order.Size <= left ? order : order with { Size = left };
    }

    /// <summary>
    /// True when two reduce-only orders on one position draw on the same budget: two resting closes, or two triggers of
    /// the same kind. An order that executes at once (market or IOC) takes what the position has and rests on nothing;
    /// a take-profit, a stop-loss and a resting close are exits on different outcomes. Whichever of those fires first
    /// leaves the others an overhang that <see cref="Overhang"/> cancels, so each may be sized to the whole position
    /// (as a position's TP and SL are).
    /// </summary>
    public static bool Competes(OrderRequest a, OrderRequest b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return !Immediate(a) && !Immediate(b) && a.Trigger == b.Trigger;
    }

    private static bool Immediate(OrderRequest order) =>
        order.Trigger == TriggerKind.None && (order.Type == OrderType.Market || order.TimeInForce == TimeInForce.Ioc);

    /// <summary>
    /// The open reduce-only orders that no longer fit the position after it changed, to cancel: those on a flat
    /// position or on the position's own side (they would open or add), then, oldest kept first, each whose unfilled
    /// size with the kept orders it <see cref="Competes"/> with exceeds the position.
    /// </summary>
    /// <param name="position">The signed position now.</param>
    /// <param name="openOldestFirst">The open reduce-only orders on the position's market and mode, oldest first, with their unfilled sizes.</param>
    /// <returns>Indices into <paramref name="openOldestFirst"/>, ascending.</returns>
    public static IReadOnlyList<int> Overhang(Quantity position, IReadOnlyList<(OrderRequest Order, Quantity Unfilled)> openOldestFirst)
    {
        ArgumentNullException.ThrowIfNull(openOldestFirst);
        var cancel = new List<int>();
        var kept = new List<(OrderRequest Order, Quantity Unfilled)>();
        var budget = position.Abs();
        for (var i = 0; i < openOldestFirst.Count; i++)
        {
            var (order, unfilled) = openOldestFirst[i];
            var closes = !position.IsZero && order.Side.Signed(order.Size).Sign == -position.Sign;
            var drawn = kept.Where(k => Competes(k.Order, order)).Aggregate(Quantity.Zero, (sum, k) => sum + k.Unfilled);
            if (closes && drawn + unfilled <= budget)
            {
                kept.Add((order, unfilled));
            }
            else
            {
                cancel.Add(i);
            }
        }

        return cancel;
    }
}
