using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Venues.Simulated;

/// <summary>One market of the simulated venue: its book, reference price, market maker quotes and pending triggers.</summary>
internal sealed class MarketState
{
    internal MarketState(SimulatedMarketOptions options, IMatchSink sink, DateTimeOffset nextFunding)
    {
        Options = options;
        Book = new OrderBook(sink);
        Reference = options.InitialPrice;
        NextFunding = nextFunding;
    }

    internal SimulatedMarketOptions Options { get; }

    internal MarketSpec Spec => Options.Spec;

    internal MarketId Id => Options.Spec.Id;

    internal long TickUnits => Options.Spec.TickSize.Units;

    internal OrderBook Book { get; }

    /// <summary>The random walk's price: the oracle.</summary>
    internal Price Reference { get; set; }

    internal Price? LastTrade { get; set; }

    internal DateTimeOffset NextFunding { get; set; }

    internal List<long> QuoteIds { get; } = [];

    internal List<OrderRecord> PendingTriggers { get; } = [];

    internal List<BookSubscriber> BookFeeds { get; } = [];

    internal List<FeedChannel<VenuePublicTrade>> TradeFeeds { get; } = [];

    internal Price PriceOf(long ticks) => new(ticks * TickUnits);

    /// <summary>Mark = median of the book's mid (the reference when a side is empty), the last trade (the reference before any) and the reference.</summary>
    internal Price Mark()
    {
        var reference = Reference.Units;
        var mid = reference;
        if (Book.TryGetBestBid(out var bid) && Book.TryGetBestAsk(out var ask))
        {
            mid = FixedPoint.Divide(((Int128)bid + ask) * TickUnits, 2, Rounding.HalfEven);
        }

        var last = LastTrade?.Units ?? reference;
        return new Price(Median(mid, last, reference));
    }

    /// <summary>Funding per interval: the premium of mark over the reference, damped and clamped.</summary>
    internal Rate FundingRate(Rate damping, Rate cap)
    {
        var mark = Mark();
        var premium = FixedPoint.MulDiv(mark.Units - Reference.Units, Rate.Scale, Reference.Units, Rounding.TowardZero);
        var rate = new Rate(FixedPoint.MulDiv(premium, damping.Units, Rate.Scale, Rounding.TowardZero));
        return Rate.Max(-cap, Rate.Min(cap, rate));
    }

    internal OrderBookSnapshot Snapshot(int depth, DateTimeOffset now)
    {
        Span<LevelView> buffer = depth <= 256 ? stackalloc LevelView[depth] : new LevelView[depth];
        var bids = Levels(buffer[..Book.CopyBids(buffer)]);
        var asks = Levels(buffer[..Book.CopyAsks(buffer)]);
        return new OrderBookSnapshot(Id, Book.Sequence, now, bids, asks);
    }

    /// <summary>
    /// The book to <paramref name="depth"/> levels when it differs from <paramref name="last"/>, else null: a change
    /// deeper than a subscriber looks (or one undone before the publish) sends it nothing.
    /// </summary>
    internal OrderBookSnapshot? SnapshotIfChanged(int depth, DateTimeOffset now, OrderBookSnapshot? last)
    {
        Span<LevelView> buffer = depth <= 256 ? stackalloc LevelView[depth] : new LevelView[depth];
        var bidCount = Book.CopyBids(buffer);
        var bidsSame = last is not null && Same(buffer[..bidCount], last.Bids);
        var bids = bidsSame ? last!.Bids : Levels(buffer[..bidCount]);
        var askCount = Book.CopyAsks(buffer);
        if (bidsSame && Same(buffer[..askCount], last!.Asks))
        {
            return null;
        }

        return new OrderBookSnapshot(Id, Book.Sequence, now, bids, Levels(buffer[..askCount]));
    }

    private bool Same(ReadOnlySpan<LevelView> views, IReadOnlyList<BookLevel> levels)
    {
        if (views.Length != levels.Count)
        {
            return false;
        }

        for (var i = 0; i < views.Length; i++)
        {
            if (levels[i].Price != PriceOf(views[i].PriceTicks) || levels[i].Size.Units != views[i].Quantity)
            {
                return false;
            }
        }

        return true;
    }

    private BookLevel[] Levels(ReadOnlySpan<LevelView> views)
    {
        var levels = new BookLevel[views.Length];
        for (var i = 0; i < views.Length; i++)
        {
            levels[i] = new BookLevel(PriceOf(views[i].PriceTicks), new Quantity(views[i].Quantity));
        }

        return levels;
    }

    private static long Median(long a, long b, long c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}

/// <summary>A book subscription and the snapshot it was last sent.</summary>
/// <param name="Feed">Where snapshots go.</param>
/// <param name="Depth">Levels a side.</param>
internal sealed record BookSubscriber(FeedChannel<OrderBookSnapshot> Feed, int Depth)
{
    /// <summary>The snapshot last published to it.</summary>
    public OrderBookSnapshot? Last { get; set; }
}
