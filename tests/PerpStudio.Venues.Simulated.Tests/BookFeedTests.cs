using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

public sealed class BookFeedTests
{
    [Fact]
    public async Task An_order_inside_the_subscribed_depth_publishes_the_new_book_and_one_below_it_publishes_nothing()
    {
        var (_, venue, _) = Sim.Create();
        await using var feed = (await venue.SubscribeOrderBookAsync(Sim.Btc, 3, CancellationToken.None)).Value;
        var first = Drain(feed).ShouldHaveSingleItem();
        var bestBid = first.Bids[0].Price.ToDecimal();

        var deep = await venue.PlaceAsync(Sim.Limit(Side.Buy, bestBid - 1000m, 0.01m));
        Drain(feed).ShouldBeEmpty();
        (await venue.BookAsync()).Bids.ShouldContain(l => l.Price == deep.Request.LimitPrice);

        var inside = await venue.PlaceAsync(Sim.Limit(Side.Buy, bestBid, 0.01m));
        var changed = Drain(feed).ShouldHaveSingleItem();
        changed.Bids[0].Size.ShouldBe(first.Bids[0].Size + inside.Request.Size);
        changed.Asks.ShouldBe(first.Asks);
        changed.Sequence.ShouldBeGreaterThan(first.Sequence);

        (await venue.CancelOrderAsync(Sim.Btc, inside.VenueOrderId!.Value, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        Drain(feed).ShouldHaveSingleItem().Bids.ShouldBe(first.Bids);
    }

    private static List<OrderBookSnapshot> Drain(IVenueSubscription<OrderBookSnapshot> feed)
    {
        var books = new List<OrderBookSnapshot>();
        while (feed.Reader.TryRead(out var book))
        {
            books.Add(book);
        }

        return books;
    }
}
