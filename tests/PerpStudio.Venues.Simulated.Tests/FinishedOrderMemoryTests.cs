using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

public sealed class FinishedOrderMemoryTests
{
    [Fact]
    public async Task Only_the_newest_finished_orders_are_kept_while_an_open_order_is_kept_however_old()
    {
        var (_, venue, _) = Sim.Create(configure: o => o with { FinishedOrdersKept = 3 });
        var bestBid = (await venue.BookAsync()).Bids[0].Price.ToDecimal();
        var open = await venue.PlaceAsync(Sim.Limit(Side.Buy, bestBid - 500m, 0.01m));

        var finished = new List<VenueOrder>();
        for (var i = 0; i < 5; i++)
        {
            var placed = await venue.PlaceAsync(Sim.Limit(Side.Buy, bestBid - 400m, 0.01m));
            (await venue.CancelOrderAsync(Sim.Btc, placed.VenueOrderId!.Value, CancellationToken.None)).IsSuccess.ShouldBeTrue();
            finished.Add(placed);
        }

        foreach (var forgotten in finished.Take(2))
        {
            var lookup = await venue.GetOrderAsync(forgotten.ClientOrderId, CancellationToken.None);
            lookup.Error!.Code.ShouldBe(VenueRejectCodes.UnknownOrder);
        }

        foreach (var kept in finished.Skip(2))
        {
            (await venue.GetOrderAsync(kept.ClientOrderId, CancellationToken.None)).Value.Status.ShouldBe(VenueOrderStatus.Cancelled);
        }

        (await venue.GetOrderAsync(open.ClientOrderId, CancellationToken.None)).Value.Status.ShouldBe(VenueOrderStatus.Open);
        (await venue.GetOpenOrdersAsync(CancellationToken.None)).ShouldHaveSingleItem().ClientOrderId.ShouldBe(open.ClientOrderId);
    }
}
