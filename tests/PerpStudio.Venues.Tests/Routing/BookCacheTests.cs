using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Testing;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Venues.Tests.Routing;

public sealed class BookCacheTests
{
    private readonly ManualTimeProvider _clock = new();

    private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);

    private async Task<(SimVenue A, SimVenue B, BookCountingVenue CountA, BookCountingVenue CountB, RoutingRig Rig, BookCache Books)> RigAsync(string name)
    {
        var a = SimVenue.Create($"{name}-a", _clock);
        var b = SimVenue.Create($"{name}-b", _clock);
        await a.AskAsync(100_000m, 1m);
        await b.AskAsync(100_020m, 1m);
        var countA = new BookCountingVenue(a.Account);
        var countB = new BookCountingVenue(b.Account);
        var rig = new RoutingRig(_clock, null, new BookCacheOptions { MaxAge = MaxAge }, countA, countB);
        return (a, b, countA, countB, rig, rig.Router.Books);
    }

    /// <summary>Completes when the cache stores a book of <paramref name="venue"/> that <paramref name="matches"/>.</summary>
    private static Task StoredAsync(BookCache books, VenueId venue, Func<OrderBookSnapshot, bool> matches)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        books.Stored += (v, book) =>
        {
            if (v == venue && matches(book))
            {
                stored.TrySetResult();
            }
        };
        return stored.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Many_plans_in_a_row_fetch_each_venue_book_once()
    {
        var (_, _, countA, countB, rig, books) = await RigAsync("once");
        for (var i = 0; i < 20; i++)
        {
            var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
            plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(countA.Id);
        }

        countA.BookFetches.ShouldBe(1);
        countB.BookFetches.ShouldBe(1);
        books.Hits.ShouldBe(38);
    }

    [Fact]
    public async Task A_change_at_the_venue_reaches_the_next_plan_through_the_feed_without_a_fetch()
    {
        var (a, _, countA, countB, rig, books) = await RigAsync("feed");
        (await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m))).Legs.Single().Venue.ShouldBe(a.Id);

        // venue A's only ask is taken by someone else: its book now quotes a far worse price
        var taken = StoredAsync(books, a.Id, book => book.Asks.Count == 1 && book.Asks[0].Price == Price.Of(100_500m));
        await a.AskAsync(100_500m, 1m);
        await a.Exchange.OpenAccount("taker", Money.Of(1_000_000m)).PlaceOrderAsync(new OrderRequest(new ClientOrderId("taker-1"), SimVenue.Btc, Side.Buy, OrderType.Market, Quantity.Of(1m),
            null, TimeInForce.Ioc, false, MarginMode.Cross, 5), CancellationToken.None);
        await taken;

        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(countB.Id);
        countA.BookFetches.ShouldBe(1);
    }

    [Fact]
    public async Task A_book_older_than_its_limit_is_stale_and_fetched_again()
    {
        var (_, _, countA, _, rig, _) = await RigAsync("stale");
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        _clock.Advance(MaxAge);
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        countA.BookFetches.ShouldBe(1);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        countA.BookFetches.ShouldBe(2);
    }

    [Fact]
    public async Task When_the_feed_drops_its_book_is_dropped_and_fetched_books_serve_until_stale()
    {
        var (_, _, countA, _, rig, books) = await RigAsync("dropped");
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        countA.BookFetches.ShouldBe(1);

        // the feed's book is dropped with it: the next plan fetches, and that book serves until it is stale
        countA.DropBookFeeds();
        await books.FeedEndedAsync(countA, SimVenue.Btc).WaitAsync(TimeSpan.FromSeconds(10));
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        countA.BookFetches.ShouldBe(2);
        _clock.Advance(MaxAge + TimeSpan.FromMilliseconds(1));
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        countA.BookFetches.ShouldBe(3);
    }

    [Fact]
    public async Task With_the_cache_off_every_plan_fetches_as_before()
    {
        var a = SimVenue.Create("off-a", _clock);
        await a.AskAsync(100_000m, 1m);
        var count = new BookCountingVenue(a.Account);
        var rig = new RoutingRig(_clock, null, new BookCacheOptions { Enabled = false }, count);
        for (var i = 0; i < 3; i++)
        {
            await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        }

        count.BookFetches.ShouldBe(3);
        rig.Router.Books.Hits.ShouldBe(0);
    }
}
