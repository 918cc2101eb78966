using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Orders;

/// <summary>
/// An order as a trader asks for it, before validation. Size is unsigned (the side gives the direction).
/// <paramref name="LimitPrice"/> is required for limit orders; for market orders it is an optional worst price.
/// </summary>
/// <param name="ClientOrderId">The trader's id for the order (idempotency key).</param>
/// <param name="Market">The market.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="Size">Size in base asset, positive.</param>
/// <param name="LimitPrice">Limit price (limit orders) or worst acceptable price (market orders).</param>
/// <param name="TimeInForce">For limit orders.</param>
/// <param name="ReduceOnly">True when the order may only reduce an existing position.</param>
/// <param name="MarginMode">Cross or isolated for the position this order opens or adds to.</param>
/// <param name="Leverage">Leverage for the position (integer, 1 to the tier's max).</param>
/// <param name="Trigger">TP/SL trigger, or none.</param>
/// <param name="TriggerPrice">The mark price at which a trigger order fires.</param>
public sealed record OrderRequest(
    ClientOrderId ClientOrderId,
    MarketId Market,
    Side Side,
    OrderType Type,
    Quantity Size,
    Price? LimitPrice,
    TimeInForce TimeInForce,
    bool ReduceOnly,
    MarginMode MarginMode,
    int Leverage,
    TriggerKind Trigger = TriggerKind.None,
    Price? TriggerPrice = null);
