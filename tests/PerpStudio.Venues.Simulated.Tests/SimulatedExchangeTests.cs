using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

public sealed class SimulatedExchangeTests
{
    [Fact]
    public async Task The_market_maker_quotes_a_ladder_around_the_reference_price()
    {
        var (exchange, venue, _) = Sim.Create();
        var options = exchange.Options.Markets[0];

        var book = await venue.BookAsync(depth: 100);
        var mark = (await venue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value;

        book.Bids.Count.ShouldBe(options.QuoteLevels);
        book.Asks.Count.ShouldBe(options.QuoteLevels);
        book.BestBid!.Value.Price.ShouldBe(options.InitialPrice - new Price(options.Spec.TickSize.Units * options.HalfSpreadTicks));
        book.BestAsk!.Value.Price.ShouldBe(options.InitialPrice + new Price(options.Spec.TickSize.Units * options.HalfSpreadTicks));
        book.Bids.ShouldAllBe(l => l.Size == options.LevelSize);
        mark.Oracle.ShouldBe(options.InitialPrice);
        mark.Mark.ShouldBe(options.InitialPrice);
    }

    [Fact]
    public async Task Steps_walk_the_reference_and_the_ladder_follows()
    {
        var (exchange, venue, _) = Sim.Create();
        var tick = exchange.Options.Markets[0].Spec.TickSize;
        var seen = new HashSet<Price>();

        for (var i = 0; i < 20; i++)
        {
            exchange.Step();
            var oracle = (await venue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value.Oracle;
            var book = await venue.BookAsync();
            book.BestBid!.Value.Price.ShouldBe(oracle - tick);
            book.BestAsk!.Value.Price.ShouldBe(oracle + tick);
            seen.Add(oracle);
        }

        seen.Count.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task The_same_seed_and_the_same_orders_give_the_same_venue()
    {
        async Task<(List<Price> Path, List<VenueFill> Fills)> RunAsync(int seed)
        {
            var (exchange, venue, _) = Sim.Create(seed);
            var path = new List<Price>();
            for (var i = 0; i < 30; i++)
            {
                exchange.Step();
                path.Add((await venue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value.Oracle);
                if (i % 5 == 0)
                {
                    await venue.PlaceAsync(Sim.Market(i % 10 == 0 ? Side.Buy : Side.Sell, 0.07m) with { ClientOrderId = new($"d-{i}") });
                }
            }

            var fills = await venue.GetFillsAsync(DateTimeOffset.MinValue, 1000, CancellationToken.None);
            return (path, fills.ToList());
        }

        var first = await RunAsync(1234);
        var second = await RunAsync(1234);
        var other = await RunAsync(4321);

        second.Path.ShouldBe(first.Path);
        second.Fills.ShouldBe(first.Fills);
        other.Path.ShouldNotBe(first.Path);
    }

    [Fact]
    public async Task Two_venues_configured_differently_quote_different_depth_and_spread()
    {
        var (_, narrow, _) = Sim.Create(configure: o => SimulatedVenueOptions.Default(o.VenueId, o.Seed, depthFactor: 1, halfSpreadTicks: 1));
        var (_, wide, _) = Sim.Create(configure: o => SimulatedVenueOptions.Default(o.VenueId, o.Seed, depthFactor: 3, halfSpreadTicks: 5));

        var a = await narrow.BookAsync();
        var b = await wide.BookAsync();

        (b.BestAsk!.Value.Price - b.BestBid!.Value.Price).ShouldBeGreaterThan(a.BestAsk!.Value.Price - a.BestBid!.Value.Price);
        b.BestBid!.Value.Size.ShouldBe(new Quantity(a.BestBid!.Value.Size.Units * 3));
    }

    [Fact]
    public async Task A_running_venue_steps_on_its_timer()
    {
        var (exchange, venue, clock) = Sim.Create(seed: 99);
        var (twin, twinVenue, _) = Sim.Create(seed: 99);

        exchange.Start();
        clock.Advance(exchange.Options.StepInterval * 5);
        for (var i = 0; i < 5; i++)
        {
            twin.Step();
        }

        var timed = (await venue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value.Oracle;
        var stepped = (await twinVenue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value.Oracle;
        timed.ShouldBe(stepped);
        exchange.Dispose();
    }

    [Fact]
    public async Task Liquidity_taken_from_the_ladder_is_requoted_on_the_next_step()
    {
        var (exchange, venue, _) = Sim.Create();
        var level = exchange.Options.Markets[0].LevelSize;

        await venue.PlaceAsync(Sim.Market(Side.Buy, level.ToDecimal() * 3));
        var taken = await venue.BookAsync();
        exchange.Step();
        var refilled = await venue.BookAsync();

        taken.Asks.Count.ShouldBe(exchange.Options.Markets[0].QuoteLevels - 3);
        refilled.Asks.Count.ShouldBe(exchange.Options.Markets[0].QuoteLevels);
    }

    [Fact]
    public async Task An_account_order_that_meets_its_own_resting_order_cancels_the_resting_one()
    {
        var (_, venue, _) = Sim.Create();
        // inside the spread, so that the account's own sell is the first the buy meets
        var ask = (await venue.BookAsync()).BestAsk!.Value.Price.ToDecimal();
        var resting = await venue.PlaceAsync(Sim.Limit(Side.Sell, ask - 1m, 0.01m));
        await using var feed = await venue.SubscribeEventsAsync(CancellationToken.None);

        var buy = await venue.PlaceAsync(Sim.Limit(Side.Buy, ask, 0.01m, Domain.Orders.TimeInForce.Ioc));

        var cancelled = (await venue.GetOrderAsync(resting.ClientOrderId, CancellationToken.None)).Value;
        cancelled.Status.ShouldBe(VenueOrderStatus.Cancelled);
        cancelled.Reject!.Code.ShouldBe(VenueRejectCodes.SelfTradePrevented);
        buy.FilledSize.ShouldBe(Quantity.Of(0.01m));
        var fills = feed.Drain().OfType<FillReceived>().Select(f => f.Fill).ToList();
        fills.ShouldAllBe(f => f.ClientOrderId == buy.ClientOrderId);
        (await venue.PositionAsync()).ShouldBe(Quantity.Of(0.01m));
    }

    [Fact]
    public async Task The_same_account_name_reconnects_to_the_same_account()
    {
        var (exchange, venue, _) = Sim.Create();
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.01m));

        var again = exchange.OpenAccount("operator-1", Money.Of(5m));

        (await again.PositionAsync()).ShouldBe(Quantity.Of(0.01m));
    }
}
