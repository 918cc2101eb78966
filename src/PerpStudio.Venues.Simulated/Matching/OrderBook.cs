using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Simulated.Matching;

/// <summary>
/// A central limit order book for one market with price-time priority. Prices are integer ticks, sizes integer
/// quantity units; orders are named by the caller's ids. Self-trade prevention: an incoming order never matches a
/// resting order of its own account; the resting one is cancelled (reported to the sink) and matching goes on.
/// Single-threaded: the caller serializes access. The sink must not call back into the book.
/// </summary>
public sealed class OrderBook
{
    private readonly IMatchSink _sink;
    private readonly BookSide _bids = new(isBid: true);
    private readonly BookSide _asks = new(isBid: false);
    private readonly Dictionary<long, BookOrder> _orders = new(1024);
    private readonly Stack<BookOrder> _pool = new();

    /// <summary>Creates an empty book reporting to <paramref name="sink"/>.</summary>
    public OrderBook(IMatchSink sink) => _sink = sink ?? throw new ArgumentNullException(nameof(sink));

    /// <summary>Increases with every change of the book.</summary>
    public long Sequence { get; private set; }

    /// <summary>How many orders rest on the book.</summary>
    public int OrderCount => _orders.Count;

    /// <summary>The best bid in ticks, when there is one.</summary>
    public bool TryGetBestBid(out long ticks) => TryBest(_bids, out ticks);

    /// <summary>The best ask in ticks, when there is one.</summary>
    public bool TryGetBestAsk(out long ticks) => TryBest(_asks, out ticks);

    /// <summary>True when an order of <paramref name="side"/> limited at <paramref name="limitTicks"/> would match at once.</summary>
    public bool WouldCross(Side side, long limitTicks)
    {
        var best = (side == Side.Buy ? _asks : _bids).Best;
        return best is not null && Crosses(side, best.Ticks, limitTicks);
    }

    /// <summary>
    /// Submits an order: matches what it can from the best opposite price up to <paramref name="limitTicks"/>
    /// (long.MaxValue / long.MinValue for an unbounded market buy / sell), then rests, cancels or refuses the rest as
    /// <paramref name="timeInForce"/> says.
    /// </summary>
    public MatchResult Submit(long orderId, int account, Side side, long limitTicks, long quantity, BookTimeInForce timeInForce)
    {
        if (quantity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "quantity must be positive");
        }

        if (_orders.ContainsKey(orderId))
        {
            throw new InvalidOperationException($"order {orderId} already rests on the book");
        }

        if (timeInForce == BookTimeInForce.PostOnly && WouldCross(side, limitTicks))
        {
            return new MatchResult(MatchStatus.Rejected, 0, quantity);
        }

        var remaining = Match(orderId, account, side, limitTicks, quantity);
        var filled = quantity - remaining;
        if (remaining == 0)
        {
            return new MatchResult(MatchStatus.Filled, filled, 0);
        }

        if (timeInForce == BookTimeInForce.Ioc)
        {
            return new MatchResult(MatchStatus.Cancelled, filled, remaining);
        }

        Rest(orderId, account, side, limitTicks, remaining);
        return new MatchResult(MatchStatus.Rested, filled, remaining);
    }

    /// <summary>Removes a resting order; false when it is not on the book.</summary>
    public bool TryCancel(long orderId, out long remaining)
    {
        if (!_orders.Remove(orderId, out var order))
        {
            remaining = 0;
            return false;
        }

        remaining = order.Remaining;
        Unrest(order);
        Release(order);
        Sequence++;
        return true;
    }

    /// <summary>A resting order's side, price and remaining quantity.</summary>
    public bool TryGetOrder(long orderId, out Side side, out long priceTicks, out long remaining)
    {
        if (_orders.TryGetValue(orderId, out var order))
        {
            side = order.Side;
            priceTicks = order.Level!.Ticks;
            remaining = order.Remaining;
            return true;
        }

        side = Side.Buy;
        priceTicks = 0;
        remaining = 0;
        return false;
    }

    /// <summary>
    /// Changes a resting order. The same price with a smaller remaining quantity keeps its place in the queue;
    /// a new price or a larger quantity re-enters at the back (and may match, as a fresh order of
    /// <paramref name="timeInForce"/>). A post-only order whose new price would cross is refused and left unchanged.
    /// False when the order is not on the book.
    /// </summary>
    public bool TryModify(long orderId, long newPriceTicks, long newRemaining, BookTimeInForce timeInForce, out MatchResult result)
    {
        if (newRemaining <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(newRemaining), newRemaining, "remaining must be positive");
        }

        if (!_orders.TryGetValue(orderId, out var order))
        {
            result = default;
            return false;
        }

        var level = order.Level!;
        if (newPriceTicks == level.Ticks && newRemaining <= order.Remaining)
        {
            level.Total -= order.Remaining - newRemaining;
            order.Remaining = newRemaining;
            Sequence++;
            result = new MatchResult(MatchStatus.Rested, 0, newRemaining);
            return true;
        }

        if (timeInForce == BookTimeInForce.PostOnly && WouldCross(order.Side, newPriceTicks))
        {
            result = new MatchResult(MatchStatus.Rejected, 0, order.Remaining);
            return true;
        }

        var account = order.Account;
        var side = order.Side;
        _orders.Remove(orderId);
        Unrest(order);
        Release(order);
        result = Submit(orderId, account, side, newPriceTicks, newRemaining, timeInForce);
        Sequence++;
        return true;
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length bid levels, best first.</summary>
    public int CopyBids(Span<LevelView> destination) => _bids.CopyLevels(destination);

    /// <summary>Copies up to <paramref name="destination"/>.Length ask levels, best first.</summary>
    public int CopyAsks(Span<LevelView> destination) => _asks.CopyLevels(destination);

    /// <summary>Number of bid and ask levels.</summary>
    public (int Bids, int Asks) LevelCounts => (_bids.LevelCount, _asks.LevelCount);

    private static bool Crosses(Side side, long restingTicks, long limitTicks) =>
        side == Side.Buy ? restingTicks <= limitTicks : restingTicks >= limitTicks;

    private static bool TryBest(BookSide side, out long ticks)
    {
        var best = side.Best;
        ticks = best?.Ticks ?? 0;
        return best is not null;
    }

    private long Match(long takerId, int account, Side side, long limitTicks, long quantity)
    {
        var opposite = side == Side.Buy ? _asks : _bids;
        var remaining = quantity;
        while (remaining > 0)
        {
            var level = opposite.Best;
            if (level is null || !Crosses(side, level.Ticks, limitTicks))
            {
                break;
            }

            var maker = level.Head;
            while (maker is not null && remaining > 0)
            {
                var next = maker.Next;
                if (maker.Account == account)
                {
                    var left = maker.Remaining;
                    level.Unlink(maker);
                    _orders.Remove(maker.Id);
                    _sink.OnRestingCancelled(maker.Id, maker.Account, left, RestingCancelCause.SelfTrade);
                    Release(maker);
                }
                else
                {
                    var q = Math.Min(remaining, maker.Remaining);
                    maker.Remaining -= q;
                    level.Total -= q;
                    remaining -= q;
                    var done = maker.Remaining == 0;
                    if (done)
                    {
                        level.Unlink(maker);
                        _orders.Remove(maker.Id);
                    }

                    _sink.OnTrade(new BookTrade(maker.Id, maker.Account, takerId, account, side, level.Ticks, q, maker.Remaining));
                    if (done)
                    {
                        Release(maker);
                    }
                }

                maker = next;
            }

            if (level.Count == 0)
            {
                opposite.Remove(level);
            }

            Sequence++;
        }

        return remaining;
    }

    private void Rest(long orderId, int account, Side side, long ticks, long quantity)
    {
        var order = _pool.Count > 0 ? _pool.Pop() : new BookOrder();
        order.Id = orderId;
        order.Account = account;
        order.Side = side;
        order.Remaining = quantity;
        (side == Side.Buy ? _bids : _asks).GetOrAdd(ticks).Append(order);
        _orders.Add(orderId, order);
        Sequence++;
    }

    private void Unrest(BookOrder order)
    {
        var level = order.Level!;
        level.Unlink(order);
        if (level.Count == 0)
        {
            (order.Side == Side.Buy ? _bids : _asks).Remove(level);
        }
    }

    private void Release(BookOrder order)
    {
        order.Level = null;
        order.Previous = null;
        order.Next = null;
        _pool.Push(order);
    }
}
