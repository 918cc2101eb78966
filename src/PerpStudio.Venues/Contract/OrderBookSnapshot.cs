using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>One price level of a book: the exact price and the total resting size there.</summary>
/// <param name="Price">The level's price (a multiple of the market's tick).</param>
/// <param name="Size">The total size resting at that price, positive.</param>
public readonly record struct BookLevel(Price Price, Quantity Size);

/// <summary>
/// A venue's order book for one market at one moment. Bids are sorted best (highest) first, asks best (lowest)
/// first, no level repeats, and the best bid is below the best ask.
/// </summary>
/// <param name="Market">The market.</param>
/// <param name="Sequence">Increases with every change of the book, so that a reader can drop stale snapshots.</param>
/// <param name="Time">When the venue produced the snapshot.</param>
/// <param name="Bids">Buy levels, highest price first.</param>
/// <param name="Asks">Sell levels, lowest price first.</param>
public sealed record OrderBookSnapshot(
    MarketId Market,
    long Sequence,
    DateTimeOffset Time,
    IReadOnlyList<BookLevel> Bids,
    IReadOnlyList<BookLevel> Asks)
{
    /// <summary>The highest bid, or null when there is none.</summary>
    public BookLevel? BestBid => Bids.Count > 0 ? Bids[0] : null;

    /// <summary>The lowest ask, or null when there is none.</summary>
    public BookLevel? BestAsk => Asks.Count > 0 ? Asks[0] : null;
}
