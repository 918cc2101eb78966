using System.Globalization;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>Maps Hyperliquid's order statuses and error messages to the venue contract's states and reject codes.</summary>
public static class OrderStatusMapping
{
    /// <summary>The contract state of an order the venue reports with a status word.</summary>
    public static VenueOrder ToVenueOrder(HistoricalOrder venue, OrderRequest request, ClientOrderId clientOrderId)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(request);
        var order = venue.Order;
        var original = order.OriginalSize ?? request.Size;
        var filled = original - order.Size;
        if (filled.IsNegative)
        {
            filled = Quantity.Zero;
        }

        var (status, reject) = venue.Status switch
        {
            "open" when order.IsTrigger => (VenueOrderStatus.PendingTrigger, (DomainError?)null),
            "open" or "triggered" => (filled.IsPositive ? VenueOrderStatus.PartiallyFilled : VenueOrderStatus.Open, (DomainError?)null),
            "filled" => (VenueOrderStatus.Filled, (DomainError?)null),
            "canceled" or "scheduledCancel" => (VenueOrderStatus.Cancelled, (DomainError?)null),
            "selfTradeCanceled" => (VenueOrderStatus.Cancelled, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.SelfTradePrevented, "", "cancelled by self-trade prevention")),
            "reduceOnlyCanceled" => (VenueOrderStatus.Cancelled, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.ReduceOnlyWouldIncrease, "reduce_only", "reduce-only order cancelled: it would no longer reduce the position")),
            "marginCanceled" => (VenueOrderStatus.Cancelled, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.InsufficientMargin, "", "cancelled for insufficient margin")),
            "iocCancelRejected" or "marketOrderNoLiquidityRejected" => (filled.IsPositive ? VenueOrderStatus.Cancelled : VenueOrderStatus.Rejected, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.NoLiquidity, "", "nothing to match within the price bound")),
            "badAloPxRejected" => (VenueOrderStatus.Rejected, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.PostOnlyWouldCross, "time_in_force", "post-only order would have matched at once")),
            "reduceOnlyRejected" => (VenueOrderStatus.Rejected, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.ReduceOnlyWouldIncrease, "reduce_only", "reduce-only order would increase the position")),
            "perpMarginRejected" => (VenueOrderStatus.Rejected, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.InsufficientMargin, "", "insufficient margin")),
            "tickRejected" => (VenueOrderStatus.Rejected, Error(ErrorKind.InvalidArgument, VenueRejectCodes.PriceOffTick, "limit_price", "price off tick")),
            "minTradeNtlRejected" => (VenueOrderStatus.Rejected, Error(ErrorKind.InvalidArgument, VenueRejectCodes.BelowMinNotional, "size", "order value below the minimum")),
            var other when other.EndsWith("Rejected", StringComparison.Ordinal) => (VenueOrderStatus.Rejected, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.InvalidOrder, "", $"rejected by the venue: {other}")),
            var other when other.EndsWith("Canceled", StringComparison.Ordinal) => (VenueOrderStatus.Cancelled, Error(ErrorKind.FailedPrecondition, VenueRejectCodes.OrderNotOpen, "", $"cancelled by the venue: {other}")),
            _ => (VenueOrderStatus.Open, (DomainError?)null),
        };
        var current = request with { LimitPrice = request.Type == OrderType.Limit ? order.LimitPrice : request.LimitPrice, Size = original };
        return new VenueOrder(
            clientOrderId,
            new VenueOrderId(order.Oid.ToString(CultureInfo.InvariantCulture)),
            current,
            filled,
            status,
            reject,
            DateTimeOffset.FromUnixTimeMilliseconds(venue.StatusTimestamp));
    }

    /// <summary>An order request reconstructed from the venue's view (for orders this process did not place).</summary>
    public static OrderRequest RequestOf(OpenOrder order, HyperliquidMarket market, ClientOrderId clientOrderId)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(market);
        var tif = order.TimeInForce switch
        {
            "Ioc" => TimeInForce.Ioc,
            "Alo" => TimeInForce.PostOnly,
            _ => TimeInForce.Gtc,
        };
        var trigger = !order.IsTrigger ? TriggerKind.None
            : order.OrderType?.Contains("Take Profit", StringComparison.Ordinal) == true ? TriggerKind.TakeProfit : TriggerKind.StopLoss;
        var isMarket = order.OrderType?.Contains("Market", StringComparison.Ordinal) == true;
        return new OrderRequest(
            clientOrderId,
            market.Id,
            order.Side,
            isMarket ? OrderType.Market : OrderType.Limit,
            order.OriginalSize ?? order.Size,
            order.LimitPrice,
            tif,
            order.ReduceOnly,
            market.Meta.OnlyIsolated ? MarginMode.Isolated : MarginMode.Cross,
            1,
            trigger,
            order.TriggerPrice);
    }

    /// <summary>The contract's reject for an order status error message of /exchange.</summary>
    public static DomainError RejectOf(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var m = message.ToLowerInvariant();
        if (m.Contains("post only", StringComparison.Ordinal) || m.Contains("alo", StringComparison.Ordinal))
        {
            return Error(ErrorKind.FailedPrecondition, VenueRejectCodes.PostOnlyWouldCross, "time_in_force", message);
        }

        if (m.Contains("reduce only", StringComparison.Ordinal))
        {
            return Error(ErrorKind.FailedPrecondition, VenueRejectCodes.ReduceOnlyWouldIncrease, "reduce_only", message);
        }

        if (m.Contains("could not immediately match", StringComparison.Ordinal) || m.Contains("no liquidity", StringComparison.Ordinal))
        {
            return Error(ErrorKind.FailedPrecondition, VenueRejectCodes.NoLiquidity, "", message);
        }

        if (m.Contains("margin", StringComparison.Ordinal))
        {
            return Error(ErrorKind.FailedPrecondition, VenueRejectCodes.InsufficientMargin, "", message);
        }

        if (m.Contains("tick", StringComparison.Ordinal) || m.Contains("invalid price", StringComparison.Ordinal))
        {
            return Error(ErrorKind.InvalidArgument, VenueRejectCodes.PriceOffTick, "limit_price", message);
        }

        if (m.Contains("minimum value", StringComparison.Ordinal))
        {
            return Error(ErrorKind.InvalidArgument, VenueRejectCodes.BelowMinNotional, "size", message);
        }

        if (m.Contains("never placed", StringComparison.Ordinal) || m.Contains("unknown", StringComparison.Ordinal))
        {
            return Error(ErrorKind.NotFound, VenueRejectCodes.UnknownOrder, "order_id", message);
        }

        if (m.Contains("rate limit", StringComparison.Ordinal) || m.Contains("too many", StringComparison.Ordinal))
        {
            return Error(ErrorKind.FailedPrecondition, VenueRejectCodes.VenueBusy, "", message);
        }

        return Error(ErrorKind.FailedPrecondition, VenueRejectCodes.InvalidOrder, "", message);
    }

    /// <summary>True when the venue refused an order because its cloid was used before.</summary>
    public static bool IsDuplicateCloid(string message) =>
        message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) && message.Contains("cloid", StringComparison.OrdinalIgnoreCase);

    private static DomainError Error(ErrorKind kind, string code, string field, string message) => new(kind, code, field, message);
}
