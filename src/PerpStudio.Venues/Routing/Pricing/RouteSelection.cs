using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Pricing;

/// <summary>Why a venue took no part in a route.</summary>
public enum VenueExclusion
{
    /// <summary>The operator has no account at the venue.</summary>
    NotConfigured,

    /// <summary>The venue lacks something the order needs (order type, time in force, trigger, reduce-only, margin mode).</summary>
    Capability,

    /// <summary>The venue's circuit breaker is open (or a probe is in flight, or it was isolated by hand).</summary>
    CircuitOpen,

    /// <summary>The venue failed or timed out answering for its book or markets.</summary>
    Unavailable,

    /// <summary>The venue does not list the market.</summary>
    NoMarket,

    /// <summary>Nothing on the venue's book within the order's price bound.</summary>
    NoLiquidity,

    /// <summary>The venue's part would have been below its minimum notional, so it was merged into the other venues.</summary>
    BelowMinNotional,

    /// <summary>The venue's lot cannot hold the size left for it.</summary>
    OffLot,

    /// <summary>A post-only order would cross the venue's book.</summary>
    WouldCross,

    /// <summary>Eligible and priced, but another venue was cheaper (or preferred) for this order.</summary>
    NotChosen,
}

/// <summary>How an order is routed.</summary>
public enum RouteKind
{
    /// <summary>Takes liquidity now (market, IOC, or a GTC limit that crosses entirely).</summary>
    Taker,

    /// <summary>Rests on one book (post-only, or a GTC limit that crosses nowhere).</summary>
    Resting,

    /// <summary>A GTC limit that takes what crosses and rests the remainder on one venue.</summary>
    TakerThenResting,

    /// <summary>A take-profit or stop-loss order held by one venue until its trigger.</summary>
    Trigger,
}

/// <summary>A venue as the planner sees it: its fees, its spec of the market and its book, or why it cannot be used.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Fees">Its maker and taker rates.</param>
/// <param name="Spec">Its spec of the market (lot, tick, minimum notional), or null when excluded.</param>
/// <param name="Book">Its book now, or null when excluded.</param>
/// <param name="Exclusion">Why it cannot be used, or null.</param>
/// <param name="Detail">The precise reason when excluded.</param>
public sealed record VenueCandidate(
    VenueId Venue,
    VenueFeeSchedule Fees,
    MarketSpec? Spec,
    OrderBookSnapshot? Book,
    VenueExclusion? Exclusion = null,
    string Detail = "");

/// <summary>
/// What one venue alone would do with the whole order, and what the route gives it. Money is exact: the notional
/// rounds against the trader (up for a buy, down for a sell), fees round up as venues charge them.
/// </summary>
/// <param name="Venue">The venue.</param>
/// <param name="Preference">Its place in the operator's list (0 first).</param>
/// <param name="Exclusion">Why it has no leg, or null when it has one.</param>
/// <param name="Detail">The reason in words, with numbers.</param>
/// <param name="Available">How much of the order its book fills within the price bound.</param>
/// <param name="AveragePrice">The average price of that fill (display only; totals are exact), or null when none.</param>
/// <param name="Notional">Size x price of that fill.</param>
/// <param name="Fee">Taker fee on that fill.</param>
/// <param name="Total">Notional plus fee for a buy (paid), notional less fee for a sell (received).</param>
/// <param name="TakerRate">The venue's taker rate.</param>
/// <param name="MakerRate">The venue's maker rate.</param>
/// <param name="Allocated">The size the route sends there.</param>
public sealed record VenuePricing(
    VenueId Venue,
    int Preference,
    VenueExclusion? Exclusion,
    string Detail,
    Quantity Available,
    Price? AveragePrice,
    Money Notional,
    Money Fee,
    Money Total,
    Rate TakerRate,
    Rate MakerRate,
    Quantity Allocated);

/// <summary>One venue's part of a route, with what the books say it will cost.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Size">The size sent there (a multiple of its lot).</param>
/// <param name="EstimatedFill">How much the book fills at once (the rest rests, or is cancelled for IOC).</param>
/// <param name="AveragePrice">Average price of the estimated fill, or null when none.</param>
/// <param name="Notional">Exact notional of the estimated fill.</param>
/// <param name="Fee">Taker fee of the estimated fill.</param>
public sealed record LegAllocation(VenueId Venue, Quantity Size, Quantity EstimatedFill, Price? AveragePrice, Money Notional, Money Fee);

/// <summary>The estimated immediate execution of a whole route.</summary>
/// <param name="Filled">Size filled at once.</param>
/// <param name="AveragePrice">Its average price, or null.</param>
/// <param name="Notional">Exact notional.</param>
/// <param name="Fee">Total taker fee.</param>
/// <param name="Total">Notional plus fee (buy) or less fee (sell).</param>
public sealed record RouteEstimate(Quantity Filled, Price? AveragePrice, Money Notional, Money Fee, Money Total)
{
    /// <summary>Nothing filled.</summary>
    public static RouteEstimate None { get; } = new(Quantity.Zero, null, Money.Zero, Money.Zero, Money.Zero);
}

/// <summary>The planner's choice: legs, every venue's pricing, and why; or a precise refusal.</summary>
/// <param name="Kind">How the order is routed.</param>
/// <param name="Venues">Every venue of the policy, priced or excluded, in preference order.</param>
/// <param name="Legs">The legs; empty when refused.</param>
/// <param name="Estimate">The estimated immediate execution.</param>
/// <param name="Decision">Which venues were chosen and why, in words.</param>
/// <param name="Refusal">Why the order cannot be routed, or null.</param>
public sealed record RouteSelection(
    RouteKind Kind,
    IReadOnlyList<VenuePricing> Venues,
    IReadOnlyList<LegAllocation> Legs,
    RouteEstimate Estimate,
    string Decision,
    DomainError? Refusal);
