using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Venues.Simulated.Tests.Matching;

public sealed class OrderBookTests
{
    private const int Alice = 1;
    private const int Bob = 2;
    private const int Carol = 3;
    private readonly RecordingSink _sink = new();
    private readonly OrderBook _book;
    private long _nextId = 100;

    public OrderBookTests() => _book = new OrderBook(_sink);

    private long Place(int account, Side side, long ticks, long quantity, BookTimeInForce tif = BookTimeInForce.Gtc) =>
        Submit(account, side, ticks, quantity, tif).Id;

    private (long Id, MatchResult Result) Submit(int account, Side side, long ticks, long quantity, BookTimeInForce tif = BookTimeInForce.Gtc)
    {
        var id = _nextId++;
        return (id, _book.Submit(id, account, side, ticks, quantity, tif));
    }

    private long RemainingOf(long id) => _book.TryGetOrder(id, out _, out _, out var remaining) ? remaining : 0;

    [Theory]
    [InlineData(Side.Buy, 101, 10, 0)]   // a buy at the lowest ask takes only that level
    [InlineData(Side.Buy, 102, 25, 0)]   // a buy through two levels takes the better price first
    [InlineData(Side.Buy, 99, 0, 10)]    // a buy below every ask rests untouched
    [InlineData(Side.Sell, 99, 10, 0)]   // a sell at the highest bid takes only that level
    [InlineData(Side.Sell, 98, 25, 0)]
    [InlineData(Side.Sell, 101, 0, 10)]
    public void A_limit_order_matches_better_prices_first_and_never_beyond_its_limit(Side side, long limit, long expectedFilled, long expectedResting)
    {
        Place(Alice, Side.Sell, 102, 15);
        Place(Alice, Side.Sell, 101, 10);
        Place(Alice, Side.Buy, 98, 15);
        Place(Alice, Side.Buy, 99, 10);

        var (id, result) = Submit(Bob, side, limit, expectedFilled == 25 ? 25 : 10);

        result.Filled.ShouldBe(expectedFilled);
        RemainingOf(id).ShouldBe(expectedResting);
        var prices = _sink.Trades.Select(t => t.PriceTicks).ToList();
        prices.ShouldBe(side == Side.Buy ? prices.Order().ToList() : prices.OrderDescending().ToList());
        _sink.Trades.ShouldAllBe(t => side == Side.Buy ? t.PriceTicks <= limit : t.PriceTicks >= limit);
    }

    [Fact]
    public void Orders_at_one_price_fill_oldest_first()
    {
        var first = Place(Alice, Side.Sell, 100, 5);
        var second = Place(Carol, Side.Sell, 100, 5);

        Submit(Bob, Side.Buy, 100, 7);

        _sink.Trades.Select(t => (t.MakerOrderId, t.Quantity)).ShouldBe([(first, 5L), (second, 2L)]);
        RemainingOf(first).ShouldBe(0);
        RemainingOf(second).ShouldBe(3);
    }

    [Fact]
    public void A_larger_gtc_order_takes_what_there_is_and_rests_the_rest_at_its_price()
    {
        Place(Alice, Side.Sell, 100, 4);

        var (id, result) = Submit(Bob, Side.Buy, 100, 10);

        result.ShouldBe(new MatchResult(MatchStatus.Rested, 4, 6));
        _book.TryGetBestBid(out var bid).ShouldBeTrue();
        bid.ShouldBe(100);
        RemainingOf(id).ShouldBe(6);
        _book.TryGetBestAsk(out _).ShouldBeFalse();
    }

    [Fact]
    public void An_ioc_order_cancels_what_it_cannot_fill_at_once()
    {
        Place(Alice, Side.Sell, 100, 4);

        var (id, result) = Submit(Bob, Side.Buy, 101, 10, BookTimeInForce.Ioc);

        result.ShouldBe(new MatchResult(MatchStatus.Cancelled, 4, 6));
        _book.TryGetOrder(id, out _, out _, out _).ShouldBeFalse();
        _book.OrderCount.ShouldBe(0);
    }

    [Fact]
    public void A_post_only_order_that_would_cross_is_refused_and_changes_nothing()
    {
        var resting = Place(Alice, Side.Sell, 100, 4);
        var before = _book.Sequence;

        var (id, result) = Submit(Bob, Side.Buy, 100, 1, BookTimeInForce.PostOnly);

        result.ShouldBe(new MatchResult(MatchStatus.Rejected, 0, 1));
        _sink.Trades.ShouldBeEmpty();
        RemainingOf(resting).ShouldBe(4);
        _book.TryGetOrder(id, out _, out _, out _).ShouldBeFalse();
        _book.Sequence.ShouldBe(before);
    }

    [Fact]
    public void A_post_only_order_that_does_not_cross_rests()
    {
        Place(Alice, Side.Sell, 100, 4);

        var (_, result) = Submit(Bob, Side.Buy, 99, 1, BookTimeInForce.PostOnly);

        result.Status.ShouldBe(MatchStatus.Rested);
    }

    [Theory]
    [InlineData(long.MaxValue, 30)] // an unbounded market buy walks every level
    [InlineData(101, 20)]           // a market buy with a worst price stops there
    public void A_market_order_walks_the_book_up_to_its_worst_price(long worstTicks, long expectedFilled)
    {
        Place(Alice, Side.Sell, 100, 10);
        Place(Alice, Side.Sell, 101, 10);
        Place(Alice, Side.Sell, 105, 10);

        var (_, result) = Submit(Bob, Side.Buy, worstTicks, 40, BookTimeInForce.Ioc);

        result.Filled.ShouldBe(expectedFilled);
        result.Status.ShouldBe(MatchStatus.Cancelled);
        _sink.Trades.Sum(t => t.Quantity).ShouldBe(expectedFilled);
    }

    [Fact]
    public void Cancelling_removes_the_order_and_an_emptied_level()
    {
        var id = Place(Alice, Side.Buy, 99, 5);

        _book.TryCancel(id, out var remaining).ShouldBeTrue();

        remaining.ShouldBe(5);
        _book.TryGetBestBid(out _).ShouldBeFalse();
        _book.TryCancel(id, out _).ShouldBeFalse();
        _book.LevelCounts.ShouldBe((0, 0));
    }

    [Fact]
    public void Cancelling_from_the_middle_of_a_queue_keeps_the_others_in_order()
    {
        var a = Place(Alice, Side.Sell, 100, 1);
        var b = Place(Carol, Side.Sell, 100, 1);
        var c = Place(Alice, Side.Sell, 100, 1);
        _book.TryCancel(b, out _);

        Submit(Bob, Side.Buy, 100, 2);

        _sink.Trades.Select(t => t.MakerOrderId).ShouldBe([a, c]);
    }

    [Fact]
    public void Reducing_the_size_keeps_the_place_in_the_queue()
    {
        var first = Place(Alice, Side.Sell, 100, 5);
        var second = Place(Carol, Side.Sell, 100, 5);

        _book.TryModify(first, 100, 2, BookTimeInForce.Gtc, out var result).ShouldBeTrue();
        Submit(Bob, Side.Buy, 100, 3);

        result.Status.ShouldBe(MatchStatus.Rested);
        _sink.Trades.Select(t => (t.MakerOrderId, t.Quantity)).ShouldBe([(first, 2L), (second, 1L)]);
    }

    [Theory]
    [InlineData(101, 5)] // a price change (away and back) loses priority
    [InlineData(100, 6)] // a size increase loses priority
    public void Changing_the_price_or_increasing_the_size_sends_the_order_to_the_back(long newTicks, long newSize)
    {
        var first = Place(Alice, Side.Sell, 100, 5);
        var second = Place(Carol, Side.Sell, 100, 5);
        _book.TryModify(first, newTicks, newSize, BookTimeInForce.Gtc, out _);
        if (newTicks != 100)
        {
            _book.TryModify(first, 100, newSize, BookTimeInForce.Gtc, out _);
        }

        Submit(Bob, Side.Buy, 100, 5);

        _sink.Trades.Select(t => t.MakerOrderId).ShouldBe([second]);
        RemainingOf(first).ShouldBe(newSize);
    }

    [Fact]
    public void Repricing_across_the_book_matches_like_a_new_order()
    {
        Place(Alice, Side.Sell, 101, 3);
        var bid = Place(Bob, Side.Buy, 99, 5);

        _book.TryModify(bid, 101, 5, BookTimeInForce.Gtc, out var result).ShouldBeTrue();

        result.ShouldBe(new MatchResult(MatchStatus.Rested, 3, 2));
        _sink.Trades.Single().TakerOrderId.ShouldBe(bid);
        RemainingOf(bid).ShouldBe(2);
    }

    [Fact]
    public void Repricing_a_post_only_order_across_the_book_is_refused_and_leaves_it_unchanged()
    {
        Place(Alice, Side.Sell, 101, 3);
        var bid = Place(Bob, Side.Buy, 99, 5, BookTimeInForce.PostOnly);

        _book.TryModify(bid, 101, 5, BookTimeInForce.PostOnly, out var result).ShouldBeTrue();

        result.Status.ShouldBe(MatchStatus.Rejected);
        _book.TryGetOrder(bid, out _, out var ticks, out var remaining).ShouldBeTrue();
        (ticks, remaining).ShouldBe((99L, 5L));
        _sink.Trades.ShouldBeEmpty();
    }

    [Fact]
    public void An_order_never_matches_its_own_account_the_resting_one_is_cancelled_and_matching_goes_on()
    {
        var own = Place(Bob, Side.Sell, 100, 5);
        var other = Place(Alice, Side.Sell, 100, 5);

        var (taker, result) = Submit(Bob, Side.Buy, 100, 4);

        _sink.Cancels.ShouldBe([(own, Bob, 5L, RestingCancelCause.SelfTrade)]);
        _sink.Trades.Single().ShouldBe(new BookTrade(other, Alice, taker, Bob, Side.Buy, 100, 4, 1));
        result.ShouldBe(new MatchResult(MatchStatus.Filled, 4, 0));
        _book.TryGetOrder(own, out _, out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void Levels_are_reported_best_first_with_totals_and_counts()
    {
        Place(Alice, Side.Buy, 97, 1);
        Place(Alice, Side.Buy, 99, 2);
        Place(Carol, Side.Buy, 99, 3);
        Place(Alice, Side.Sell, 103, 4);
        Place(Alice, Side.Sell, 101, 5);
        var levels = new LevelView[5];

        var bids = _book.CopyBids(levels);
        levels[..bids].ShouldBe([new LevelView(99, 5, 2), new LevelView(97, 1, 1)]);
        var asks = _book.CopyAsks(levels);
        levels[..asks].ShouldBe([new LevelView(101, 5, 1), new LevelView(103, 4, 1)]);
    }

    [Fact]
    public void Submitting_an_id_that_already_rests_is_a_programming_error()
    {
        _book.Submit(1, Alice, Side.Buy, 99, 1, BookTimeInForce.Gtc);

        Should.Throw<InvalidOperationException>(() => _book.Submit(1, Alice, Side.Buy, 98, 1, BookTimeInForce.Gtc));
    }
}
