using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// A cross position with its margin figures at its current mark, computed once when the position or the mark changes
/// so that account-level checks are sums, not divisions.
/// </summary>
/// <param name="Market">The market.</param>
/// <param name="Position">Size, exact cost basis, realized carry.</param>
/// <param name="Leverage">The position's leverage (sets its initial margin).</param>
/// <param name="Mark">The mark these figures are at.</param>
/// <param name="UnrealizedPnl">PnL at the mark, floored.</param>
/// <param name="PositionValue">|size| x mark, rounded up.</param>
/// <param name="InitialMargin">|size| x mark / leverage, rounded up.</param>
/// <param name="MaintenanceMargin">Tiered maintenance at the mark, rounded up.</param>
public readonly record struct CrossPosition(
    MarketId Market,
    Position Position,
    int Leverage,
    Price Mark,
    Money UnrealizedPnl,
    Money PositionValue,
    Money InitialMargin,
    Money MaintenanceMargin)
{
    /// <summary>Computes the figures of a position at a mark.</summary>
    public static CrossPosition At(MarketRules market, Position position, int leverage, Price mark)
    {
        ArgumentNullException.ThrowIfNull(market);
        var notional = Exact.Notional(position.Size, mark);
        return new CrossPosition(
            market.Id,
            position,
            leverage,
            mark,
            position.UnrealizedPnl(mark),
            Exact.ToMoney(notional, MarginRounding.Requirement),
            MarginModel.InitialMarginOf(notional, leverage),
            market.Table.MaintenanceMargin(notional));
    }
}
