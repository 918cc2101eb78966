using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Tests.Support;

/// <summary>Order requests for tests.</summary>
public static class TestOrders
{
    /// <summary>A market order.</summary>
    public static OrderRequest Market(string cloid, MarketId market, Side side, decimal size, MarginMode mode = MarginMode.Cross, int leverage = 10, bool reduceOnly = false) =>
        new(new ClientOrderId(cloid), market, side, OrderType.Market, Quantity.Of(size), null, TimeInForce.Ioc, reduceOnly, mode, leverage);

    /// <summary>A resting limit order.</summary>
    public static OrderRequest Limit(string cloid, MarketId market, Side side, decimal size, decimal price, MarginMode mode = MarginMode.Cross, int leverage = 10) =>
        new(new ClientOrderId(cloid), market, side, OrderType.Limit, Quantity.Of(size), Price.Of(price), TimeInForce.Gtc, false, mode, leverage);
}
