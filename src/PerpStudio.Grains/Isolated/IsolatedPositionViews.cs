using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Isolated;

/// <summary>Read models of an isolated position, from the Domain's health figures.</summary>
public static class IsolatedPositionViews
{
    /// <summary>The position's figures at a mark (a market with no mark yet reports the entry's figures).</summary>
    public static PositionView Of(string key, IsolatedPosition position, MarketRules rules, Price mark)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(rules);
        var at = mark.IsPositive ? mark : position.Position.EntryPrice.IsPositive ? position.Position.EntryPrice : Price.Epsilon;
        var health = position.Health(rules, at);
        return new PositionView(key, position.Market, MarginMode.Isolated, position.Position.Size, position.Position.EntryPrice, at,
            position.Leverage, position.Position.UnrealizedPnl(at), health.PositionValue, health.InitialMargin, health.MaintenanceMargin,
            position.Margin, health.LiquidationPrice, !position.Position.IsFlat && health.Liquidatable);
    }
}
