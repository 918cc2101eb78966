using PerpStudio.Domain.Errors;

namespace PerpStudio.Domain.Orders;

/// <summary>
/// A trader holds at most one position per market, and its margin mode is fixed while it is open: an order in the
/// other mode is refused until the position is flat.
/// </summary>
public static class MarginModeLock
{
    /// <summary>The refusal, or null when the order's mode agrees with the open position (or there is none).</summary>
    /// <param name="order">The order.</param>
    /// <param name="hasOpenCross">True when the trader has an open cross position in the order's market.</param>
    /// <param name="hasOpenIsolated">True when the trader has an open isolated position in the order's market.</param>
    public static DomainError? Check(OrderRequest order, bool hasOpenCross, bool hasOpenIsolated)
    {
        ArgumentNullException.ThrowIfNull(order);
        var conflicting = order.MarginMode == MarginMode.Cross ? hasOpenIsolated : hasOpenCross;
        return conflicting ? Refusals.MarginModeLocked(order.Market.Symbol, hasOpenCross ? "cross" : "isolated") : null;
    }
}
