using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>Refuses, before anything is signed, what Hyperliquid would refuse on its face: the venue never sees a malformed order.</summary>
public static class OrderValidation
{
    /// <summary>The first thing wrong with an order for this market, or null.</summary>
    public static DomainError? Check(OrderRequest order, HyperliquidMarket market)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(market);
        var spec = market.Spec;
        if (!order.Size.IsPositive || order.Size.Units % spec.LotSize.Units != 0)
        {
            return VenueRejectCodes.SizeOffLotError(order.Size, spec.LotSize);
        }

        if (order.Type == OrderType.Limit && order.LimitPrice is null)
        {
            return Invalid("limit_price", "a limit order needs a limit price");
        }

        if (order.Type == OrderType.Limit && PriceError("limit_price", order.LimitPrice!.Value, market) is { } priceError)
        {
            return priceError;
        }

        if (order.Trigger != TriggerKind.None)
        {
            if (order.TriggerPrice is not { } trigger)
            {
                return Invalid("trigger_price", "a take-profit or stop-loss order needs a trigger price");
            }

            if (PriceError("trigger_price", trigger, market) is { } triggerError)
            {
                return triggerError;
            }
        }

        if (order.Leverage < 1 || order.Leverage > spec.MaxLeverage)
        {
            return Invalid("leverage", $"leverage {order.Leverage} is outside 1..{spec.MaxLeverage} for {spec.Id}");
        }

        if (order.MarginMode == MarginMode.Cross && spec.IsolatedOnly)
        {
            return VenueRejectCodes.UnsupportedError("margin_mode", $"cross margin on {spec.Id} (isolated only)");
        }

        var valuePrice = order.LimitPrice ?? order.TriggerPrice;
        if (!order.ReduceOnly && valuePrice is { } p && Notional.Of(order.Size, p, Rounding.Floor) < spec.MinNotional)
        {
            return new DomainError(
                ErrorKind.InvalidArgument,
                VenueRejectCodes.BelowMinNotional,
                "size",
                $"order value {Notional.Of(order.Size, p, Rounding.Floor)} is below the minimum {spec.MinNotional}");
        }

        return null;
    }

    /// <summary>Why a price is not one Hyperliquid accepts for this market, or null.</summary>
    public static DomainError? PriceError(string field, Price price, HyperliquidMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (!price.IsPositive || price.Units % market.Spec.TickSize.Units != 0)
        {
            return VenueRejectCodes.PriceOffTickError(field, price, market.Spec.TickSize);
        }

        // far from the mid the tick of the spec may be finer than the 5-significant-figure rule allows
        return HyperliquidPriceRules.IsValidPrice(price, market.Meta.SzDecimals)
            ? null
            : VenueRejectCodes.PriceOffTickError(field, price, HyperliquidPriceRules.TickAt(price, market.Meta.SzDecimals));
    }

    private static DomainError Invalid(string field, string message) =>
        new(ErrorKind.InvalidArgument, VenueRejectCodes.InvalidOrder, field, message);
}
