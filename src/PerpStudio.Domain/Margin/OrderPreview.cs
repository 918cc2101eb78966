using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// What an order would do if it filled completely at its execution price: the check's figures plus the resulting
/// position, its liquidation price and margin ratio. For display before the trader confirms.
/// </summary>
/// <param name="Decision">The pre-trade check (accepted or the refusal).</param>
/// <param name="Liquidity">The liquidity the fee was estimated at.</param>
/// <param name="ResultingSize">Signed size after the fill.</param>
/// <param name="ResultingEntryPrice">Average entry after the fill (informational, half-even).</param>
/// <param name="LiquidationPrice">Liquidation price of the resulting position (cross: others held at their marks).</param>
/// <param name="MarginRatio">Maintenance / equity in scope after the fill (null when equity is not positive).</param>
public sealed record OrderPreviewResult(
    PreTradeDecision Decision,
    Liquidity Liquidity,
    Quantity ResultingSize,
    Price ResultingEntryPrice,
    LiquidationPrice LiquidationPrice,
    Rate? MarginRatio);

/// <summary>Order previews for cross and isolated orders.</summary>
public static class OrderPreview
{
    /// <summary>Previews an order. Validation refusals come back as a failed result; margin shortfalls as a preview whose
    /// decision is refused, so the trader still sees what the order would need.</summary>
    public static Result<OrderPreviewResult> Preview(in PreTradeCheckParameters parameters)
    {
        var decision = PreTradeCheck.Check(parameters);
        if (decision.Refusal is { Code: not "insufficient_margin" } refusal)
        {
            return refusal;
        }

        var order = parameters.Order!;
        var market = parameters.Catalog.Find(order.Market).Value;
        var executionPrice = order.LimitPrice ?? parameters.Mark;
        var liquidity = order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.PostOnly ? Liquidity.Maker : Liquidity.Taker;
        if (order.MarginMode == MarginMode.Cross)
        {
            var fill = parameters.Account.ApplyFill(market, order.Side, order.Size, executionPrice, decision.Fee, order.Leverage, parameters.Mark);
            if (!fill.IsSuccess)
            {
                return fill.Error;
            }

            var after = fill.Value.After;
            return new OrderPreviewResult(decision, liquidity, fill.Value.Position.Size, fill.Value.Position.EntryPrice,
                after.LiquidationPrice(order.Market), after.MarginRatio);
        }

        var existing = parameters.Isolated ?? new IsolatedPosition(order.Market, Position.Flat, Money.Zero, order.Leverage);
        var moved = Money.Max(Money.Zero, decision.MarginRequired);
        var isolated = (existing with { Leverage = order.Leverage }).ApplyFill(order.Side, order.Size, executionPrice, decision.Fee, moved);
        var health = isolated.After.Health(market, parameters.Mark);
        return new OrderPreviewResult(decision, liquidity, isolated.After.Position.Size, isolated.After.Position.EntryPrice,
            health.LiquidationPrice, health.MarginRatio);
    }
}
