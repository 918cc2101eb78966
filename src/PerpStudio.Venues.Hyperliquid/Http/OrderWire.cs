using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Http;

/// <summary>Time in force of a Hyperliquid limit order.</summary>
public enum HyperliquidTif
{
    /// <summary>Good til cancelled ("Gtc").</summary>
    Gtc,

    /// <summary>Immediate or cancel ("Ioc").</summary>
    Ioc,

    /// <summary>Add liquidity only, i.e. post-only ("Alo").</summary>
    Alo,
}

/// <summary>Whether a trigger order takes profit or stops a loss.</summary>
public enum HyperliquidTpsl
{
    /// <summary>Take profit ("tp").</summary>
    TakeProfit,

    /// <summary>Stop loss ("sl").</summary>
    StopLoss,
}

/// <summary>How orders of one action relate ("na", "normalTpsl", "positionTpsl").</summary>
public enum OrderGrouping
{
    /// <summary>Independent orders.</summary>
    None,

    /// <summary>A parent order with TP/SL children sized to it.</summary>
    NormalTpsl,

    /// <summary>TP/SL orders sized to the whole position.</summary>
    PositionTpsl,
}

/// <summary>The order type of an order: a limit with a time in force, or a trigger.</summary>
/// <param name="Tif">Time in force, for a limit order.</param>
/// <param name="TriggerPrice">Trigger price, for a trigger order.</param>
/// <param name="IsMarket">For a trigger order: execute as market when triggered.</param>
/// <param name="Tpsl">For a trigger order: take profit or stop loss.</param>
public sealed record OrderKind(HyperliquidTif? Tif, Price? TriggerPrice, bool IsMarket, HyperliquidTpsl? Tpsl)
{
    /// <summary>A limit order.</summary>
    public static OrderKind Limit(HyperliquidTif tif) => new(tif, null, false, null);

    /// <summary>A trigger order.</summary>
    public static OrderKind Trigger(Price triggerPrice, bool isMarket, HyperliquidTpsl tpsl) => new(null, triggerPrice, isMarket, tpsl);
}

/// <summary>One order as an action carries it.</summary>
/// <param name="Asset">Asset index.</param>
/// <param name="IsBuy">True to buy.</param>
/// <param name="LimitPrice">Limit price (for trigger-market orders, the worst price).</param>
/// <param name="Size">Size.</param>
/// <param name="ReduceOnly">True for reduce-only.</param>
/// <param name="Kind">Limit or trigger.</param>
/// <param name="Cloid">Client order id, or null.</param>
public sealed record OrderWire(int Asset, bool IsBuy, Price LimitPrice, Quantity Size, bool ReduceOnly, OrderKind Kind, Cloid? Cloid);

/// <summary>The builder (operator) fee attached to orders: paid to <paramref name="Builder"/> at <paramref name="TenthsOfBasisPoint"/>.</summary>
/// <param name="Builder">The builder's address.</param>
/// <param name="TenthsOfBasisPoint">The fee in tenths of a basis point (10 = 1 bp).</param>
public sealed record BuilderFee(EthereumAddress Builder, int TenthsOfBasisPoint);
