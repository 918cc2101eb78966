using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Orders;

/// <summary>What validating an order against a market, a policy and a mark needs.</summary>
/// <param name="Order">The order as the trader sent it.</param>
/// <param name="Catalog">The markets the operator lists.</param>
/// <param name="Policy">The operator's policy.</param>
/// <param name="Mark">The market's mark price now.</param>
/// <param name="Current">The trader's current position in the order's market and mode (flat when none).</param>
public readonly record struct OrderValidationParameters(OrderRequest? Order, MarketCatalog Catalog, OperatorPolicy Policy, Price Mark, Position Current);

/// <summary>An order that passed every check that does not depend on margin.</summary>
/// <param name="Order">The order.</param>
/// <param name="Market">Its market's rules.</param>
/// <param name="ExecutionPrice">The price margin and fees are estimated at: the limit price, or for a market order its worst price if given, else the mark.</param>
/// <param name="Mark">The mark the checks used.</param>
/// <param name="Current">The position before the order.</param>
/// <param name="Resulting">The position size if the order fills completely.</param>
/// <param name="ResultingNotional">|resulting size| x mark in sub-units.</param>
/// <param name="ReducesOnly">True when the order only reduces the position (no increase, no flip).</param>
/// <param name="MaxLeverage">min(tier max at the resulting notional, operator cap).</param>
public readonly record struct ValidatedOrder(
    OrderRequest Order,
    MarketRules Market,
    Price ExecutionPrice,
    Price Mark,
    Position Current,
    Quantity Resulting,
    Int128 ResultingNotional,
    bool ReducesOnly,
    int MaxLeverage)
{
    /// <summary>The order's size signed by its side.</summary>
    public Quantity SignedSize => Order.Side.Signed(Order.Size);

    /// <summary>Maker for post-only orders (they can only rest), taker otherwise: the conservative fee estimate.</summary>
    public Liquidity ExpectedLiquidity => Order.Type == OrderType.Limit && Order.TimeInForce == TimeInForce.PostOnly ? Liquidity.Maker : Liquidity.Taker;
}
