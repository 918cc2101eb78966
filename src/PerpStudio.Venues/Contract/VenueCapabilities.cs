using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>
/// The fee rates a venue charges the platform's account: a router prices execution with them.
/// A negative maker rate is a rebate.
/// </summary>
/// <param name="Maker">Rate on the notional of fills that rested on the book (liquidity added).</param>
/// <param name="Taker">Rate on the notional of fills that took liquidity.</param>
public sealed record VenueFeeSchedule(Rate Maker, Rate Taker);

/// <summary>
/// What a venue can do. Callers check a capability before using it; an adapter refuses what it does not
/// support with <see cref="VenueRejectCodes.Unsupported"/>.
/// </summary>
/// <param name="MarginModes">Margin modes the venue account can hold positions in.</param>
/// <param name="OrderTypes">Order types accepted (market, limit).</param>
/// <param name="TimeInForces">Times in force accepted for limit orders (GTC, IOC, post-only).</param>
/// <param name="Triggers">True when take-profit / stop-loss orders triggered on the mark price are accepted.</param>
/// <param name="ReduceOnly">True when reduce-only orders are accepted.</param>
/// <param name="Modify">True when <see cref="IVenue.ModifyOrderAsync"/> is supported.</param>
/// <param name="CancelByClientOrderId">True when <see cref="IVenue.CancelOrderByClientIdAsync"/> is supported.</param>
/// <param name="MaxLeverage">Highest leverage per market at this venue.</param>
/// <param name="FundingInterval">How often funding is settled; <see cref="MarketPrices.FundingRate"/> is per interval.</param>
/// <param name="Fees">Maker and taker fee rates of the platform's account.</param>
public sealed record VenueCapabilities(
    IReadOnlySet<MarginMode> MarginModes,
    IReadOnlySet<OrderType> OrderTypes,
    IReadOnlySet<TimeInForce> TimeInForces,
    bool Triggers,
    bool ReduceOnly,
    bool Modify,
    bool CancelByClientOrderId,
    IReadOnlyDictionary<MarketId, int> MaxLeverage,
    TimeSpan FundingInterval,
    VenueFeeSchedule Fees)
{
    /// <summary>True when <see cref="IVenue.SubscribeTradesAsync"/> delivers the market's public trades.</summary>
    public bool PublicTrades { get; init; }

    /// <summary>True when a limit order with this time in force is accepted.</summary>
    public bool Supports(TimeInForce timeInForce) => OrderTypes.Contains(OrderType.Limit) && TimeInForces.Contains(timeInForce);
}
