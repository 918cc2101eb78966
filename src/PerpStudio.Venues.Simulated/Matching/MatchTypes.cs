using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Simulated.Matching;

/// <summary>How the unmatched part of an incoming order is treated by the book.</summary>
public enum BookTimeInForce
{
    /// <summary>Rests on the book.</summary>
    Gtc,

    /// <summary>Cancelled (market orders are IOC with an optional worst price).</summary>
    Ioc,

    /// <summary>Refused whole if any part would match at once; otherwise rests.</summary>
    PostOnly,
}

/// <summary>What became of an incoming order.</summary>
public enum MatchStatus
{
    /// <summary>Some or none matched; the rest rests on the book.</summary>
    Rested,

    /// <summary>Matched entirely.</summary>
    Filled,

    /// <summary>Matched partly or not at all; the rest was cancelled (IOC / market).</summary>
    Cancelled,

    /// <summary>Post-only that would have crossed: nothing happened.</summary>
    Rejected,
}

/// <summary>Why a resting order left the book without filling.</summary>
public enum RestingCancelCause
{
    /// <summary>The same account's incoming order would have matched it (self-trade prevention cancels the resting order).</summary>
    SelfTrade,
}

/// <summary>One match between a resting (maker) and an incoming (taker) order; prices in ticks, sizes in quantity units.</summary>
/// <param name="MakerOrderId">The resting order.</param>
/// <param name="MakerAccount">Its account.</param>
/// <param name="TakerOrderId">The incoming order.</param>
/// <param name="TakerAccount">Its account.</param>
/// <param name="TakerSide">The incoming order's side.</param>
/// <param name="PriceTicks">The maker's price in ticks.</param>
/// <param name="Quantity">Matched quantity in <see cref="Quantity"/> units.</param>
/// <param name="MakerRemaining">What is left of the maker after this match (zero: it left the book).</param>
public readonly record struct BookTrade(
    long MakerOrderId,
    int MakerAccount,
    long TakerOrderId,
    int TakerAccount,
    Side TakerSide,
    long PriceTicks,
    long Quantity,
    long MakerRemaining);

/// <summary>The outcome of submitting an order to the book.</summary>
/// <param name="Status">What became of it.</param>
/// <param name="Filled">Quantity matched at once.</param>
/// <param name="Remaining">Quantity resting (Rested) or cancelled (Cancelled), or the whole order (Rejected).</param>
public readonly record struct MatchResult(MatchStatus Status, long Filled, long Remaining);

/// <summary>Receives what the book does, in order, while it does it.</summary>
public interface IMatchSink
{
    /// <summary>A match happened.</summary>
    void OnTrade(in BookTrade trade);

    /// <summary>A resting order left the book unfilled for <paramref name="cause"/>, with <paramref name="remaining"/> unfilled.</summary>
    void OnRestingCancelled(long orderId, int account, long remaining, RestingCancelCause cause);
}

/// <summary>One aggregated level for a snapshot.</summary>
/// <param name="PriceTicks">Price in ticks.</param>
/// <param name="Quantity">Total resting quantity.</param>
/// <param name="Orders">How many orders rest there.</param>
public readonly record struct LevelView(long PriceTicks, long Quantity, int Orders);
