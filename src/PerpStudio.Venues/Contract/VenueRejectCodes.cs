using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>
/// The stable reason codes every adapter maps its venue's refusals to, and constructors for the errors that
/// carry them, so that the router and the grains can act on a refusal whatever venue produced it.
/// </summary>
public static class VenueRejectCodes
{
    /// <summary>The market is not listed at this venue.</summary>
    public const string UnknownMarket = "unknown_market";

    /// <summary>The price is not a positive multiple of the market's tick.</summary>
    public const string PriceOffTick = "price_off_tick";

    /// <summary>The size is not a positive multiple of the market's lot.</summary>
    public const string SizeOffLot = "size_off_lot";

    /// <summary>The order's value is below the market's minimum notional.</summary>
    public const string BelowMinNotional = "below_min_notional";

    /// <summary>A field is missing or malformed (limit price on a limit order, trigger price on a trigger order...).</summary>
    public const string InvalidOrder = "invalid_order";

    /// <summary>The venue does not support what was asked (order type, time in force, trigger, modify...).</summary>
    public const string Unsupported = "unsupported";

    /// <summary>A post-only order would have matched at once.</summary>
    public const string PostOnlyWouldCross = "post_only_would_cross";

    /// <summary>A reduce-only order would open or increase a position.</summary>
    public const string ReduceOnlyWouldIncrease = "reduce_only_would_increase";

    /// <summary>A market or IOC order found nothing to match within its price bound.</summary>
    public const string NoLiquidity = "no_liquidity";

    /// <summary>No order with that id exists for this account.</summary>
    public const string UnknownOrder = "unknown_order";

    /// <summary>The order is already filled, cancelled or rejected.</summary>
    public const string OrderNotOpen = "order_not_open";

    /// <summary>The account lacks the margin the venue requires.</summary>
    public const string InsufficientMargin = "insufficient_margin";

    /// <summary>The venue refused for a transient reason of its own (overload, rate limit); a retry may succeed.</summary>
    public const string VenueBusy = "venue_busy";

    /// <summary>A resting order was cancelled because the same account's incoming order would have matched it.</summary>
    public const string SelfTradePrevented = "self_trade_prevented";

    /// <summary>The market is unknown at this venue.</summary>
    public static DomainError UnknownMarketError(MarketId market) =>
        new(ErrorKind.NotFound, UnknownMarket, "market", $"market {market} is not listed at this venue");

    /// <summary>The price is off the market's tick.</summary>
    public static DomainError PriceOffTickError(string field, Price price, Price tick) =>
        new(ErrorKind.InvalidArgument, PriceOffTick, field, $"{field} {price} is not a positive multiple of the tick {tick}");

    /// <summary>The size is off the market's lot.</summary>
    public static DomainError SizeOffLotError(Quantity size, Quantity lot) =>
        new(ErrorKind.InvalidArgument, SizeOffLot, "size", $"size {size} is not a positive multiple of the lot {lot}");

    /// <summary>A capability the venue lacks.</summary>
    public static DomainError UnsupportedError(string field, string what) =>
        new(ErrorKind.InvalidArgument, Unsupported, field, $"{what} is not supported at this venue");

    /// <summary>No order with that id.</summary>
    public static DomainError UnknownOrderError(string id) =>
        new(ErrorKind.NotFound, UnknownOrder, "order_id", $"no order {id} at this venue");

    /// <summary>The order can no longer change.</summary>
    public static DomainError OrderNotOpenError(string id, string status) =>
        new(ErrorKind.FailedPrecondition, OrderNotOpen, "order_id", $"order {id} is {status}");
}
