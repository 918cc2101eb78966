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
}
