namespace PerpStudio.Domain.Orders;

/// <summary>How an order is priced.</summary>
public enum OrderType
{
    /// <summary>Executes immediately against the book up to a slippage bound; never rests.</summary>
    Market,

    /// <summary>Executes at the limit price or better; what is left behaves as its time in force says.</summary>
    Limit,
}

/// <summary>What happens to the part of a limit order that does not match at once.</summary>
public enum TimeInForce
{
    /// <summary>Good till cancelled: the rest rests on the book.</summary>
    Gtc,

    /// <summary>Immediate or cancel: the rest is cancelled.</summary>
    Ioc,

    /// <summary>Post only (add liquidity only, Hyperliquid's ALO): refused if any part would match at once.</summary>
    PostOnly,
}

/// <summary>A trigger that turns a resting order live when the mark price crosses its trigger price.</summary>
public enum TriggerKind
{
    /// <summary>No trigger: the order is live at once.</summary>
    None,

    /// <summary>Take profit: fires when the mark moves in the position's favour to the trigger price.</summary>
    TakeProfit,

    /// <summary>Stop loss: fires when the mark moves against the position to the trigger price.</summary>
    StopLoss,
}

/// <summary>How a position's margin is held.</summary>
public enum MarginMode
{
    /// <summary>Shares the account's collateral with every other cross position.</summary>
    Cross,

    /// <summary>Has its own allocated margin; its liquidation touches nothing else.</summary>
    Isolated,
}
