using PerpStudio.Testing;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

/// <summary>Shared set-up: a seeded venue on a manual clock and order builders in BTC-USD.</summary>
internal static class Sim
{
    public static readonly MarketId Btc = new("BTC-USD");

    private static long _ids;

    public static (SimulatedExchange Exchange, SimulatedVenue Venue, ManualTimeProvider Clock) Create(
        int seed = 7, Func<SimulatedVenueOptions, SimulatedVenueOptions>? configure = null)
    {
        var clock = new ManualTimeProvider();
        var options = SimulatedVenueOptions.Default(new VenueId("sim"), seed);
        var exchange = new SimulatedExchange(configure is null ? options : configure(options), clock);
        return (exchange, exchange.OpenAccount("operator-1", Money.Of(1_000_000m)), clock);
    }

    public static ClientOrderId NewId() => new($"t-{Interlocked.Increment(ref _ids)}");

    public static OrderRequest Limit(Side side, decimal price, decimal size, TimeInForce tif = TimeInForce.Gtc, bool reduceOnly = false) =>
        new(NewId(), Btc, side, OrderType.Limit, Quantity.Of(size), Price.Of(price), tif, reduceOnly, MarginMode.Cross, 10);

    public static OrderRequest Market(Side side, decimal size, bool reduceOnly = false) =>
        new(NewId(), Btc, side, OrderType.Market, Quantity.Of(size), null, TimeInForce.Ioc, reduceOnly, MarginMode.Cross, 10);

    public static async Task<VenueOrder> PlaceAsync(this IVenue venue, OrderRequest request)
    {
        var result = await venue.PlaceOrderAsync(request, CancellationToken.None);
        result.IsAccepted.ShouldBeTrue(result.Error?.ToString());
        return result.Order!;
    }

    public static async Task<OrderBookSnapshot> BookAsync(this IVenue venue, int depth = 50) =>
        (await venue.GetOrderBookAsync(Btc, depth, CancellationToken.None)).Value;

    public static async Task<Quantity> PositionAsync(this IVenue venue) =>
        (await venue.GetAccountAsync(CancellationToken.None)).PositionIn(Btc);

    /// <summary>Everything the feed holds now (the simulated venue publishes synchronously, under its lock).</summary>
    public static List<VenueEvent> Drain(this IVenueSubscription<VenueEvent> feed)
    {
        var events = new List<VenueEvent>();
        while (feed.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }
}
