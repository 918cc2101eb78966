using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

public sealed class PublicTradeTests
{
    [Fact]
    public async Task A_market_order_sweeping_two_levels_prints_one_public_trade_per_match()
    {
        var (exchange, venue, _) = Sim.Create();
        var level = exchange.Options.Markets[0].LevelSize.ToDecimal();
        var book = await venue.BookAsync();
        await using var feed = (await venue.SubscribeTradesAsync(Sim.Btc, CancellationToken.None)).Value;

        await venue.PlaceAsync(Sim.Market(Side.Buy, level * 1.5m));

        var trades = Drain(feed);
        trades.Count.ShouldBe(2);
        trades.ShouldAllBe(t => t.TakerSide == Side.Buy && t.Market == Sim.Btc);
        trades[0].Price.ShouldBe(book.Asks[0].Price);
        trades[0].Size.ShouldBe(Quantity.Of(level));
        trades[1].Price.ShouldBe(book.Asks[1].Price);
        trades[1].Size.ShouldBe(Quantity.Of(level * 0.5m));
        trades.Select(t => t.TradeId).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task Another_accounts_trade_reaches_every_subscriber_of_the_market()
    {
        var (exchange, venue, _) = Sim.Create();
        var other = exchange.OpenAccount("operator-2", Money.Of(1_000_000m));
        await using var feed = (await venue.SubscribeTradesAsync(Sim.Btc, CancellationToken.None)).Value;
        await using var eth = (await venue.SubscribeTradesAsync(new MarketId("ETH-USD"), CancellationToken.None)).Value;

        await other.PlaceAsync(Sim.Market(Side.Sell, 0.01m));

        var trade = Drain(feed).ShouldHaveSingleItem();
        trade.TakerSide.ShouldBe(Side.Sell);
        trade.Size.ShouldBe(Quantity.Of(0.01m));
        Drain(eth).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_disposed_subscription_completes_and_receives_nothing_more()
    {
        var (_, venue, _) = Sim.Create();
        var feed = (await venue.SubscribeTradesAsync(Sim.Btc, CancellationToken.None)).Value;

        await feed.DisposeAsync();
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.01m));

        feed.Reader.Completion.IsCompleted.ShouldBeTrue();
        feed.Reader.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Subscribing_to_an_unlisted_market_is_refused_as_unknown()
    {
        var (_, venue, _) = Sim.Create();

        var result = await venue.SubscribeTradesAsync(new MarketId("DOGE-USD"), CancellationToken.None);

        result.IsSuccess.ShouldBeFalse();
        result.Error.Code.ShouldBe(VenueRejectCodes.UnknownMarket);
    }

    [Fact]
    public void The_simulated_venue_declares_the_public_trades_feed()
    {
        var (_, venue, _) = Sim.Create();

        venue.Capabilities.PublicTrades.ShouldBeTrue();
    }

    [Fact]
    public async Task Without_a_taker_flow_steps_make_no_trades()
    {
        var (exchange, venue, _) = Sim.Create();
        await using var feed = (await venue.SubscribeTradesAsync(Sim.Btc, CancellationToken.None)).Value;

        for (var i = 0; i < 20; i++)
        {
            exchange.Step();
        }

        Drain(feed).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_taker_flow_trades_small_lots_at_the_best_quotes_on_steps()
    {
        var (exchange, venue, clock) = Sim.Create(configure: o => o with { TakerFlow = new SimulatedTakerFlow(MaxTradesPerStep: 3, MaxLevelFraction: 0.5m) });
        var market = exchange.Options.Markets[0];
        await using var feed = (await venue.SubscribeTradesAsync(Sim.Btc, CancellationToken.None)).Value;
        var trades = new List<VenuePublicTrade>();

        for (var i = 0; i < 30; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            exchange.Step();
            var oracle = (await venue.GetMarketPricesAsync(Sim.Btc, CancellationToken.None)).Value.Oracle;
            foreach (var t in Drain(feed))
            {
                // against the fresh ladder: one tick either side of the oracle, at most half a level
                var expected = t.TakerSide == Side.Buy ? oracle + market.Spec.TickSize : oracle - market.Spec.TickSize;
                t.Price.ShouldBe(expected);
                t.Size.IsPositive.ShouldBeTrue();
                (t.Size.Units % market.Spec.LotSize.Units).ShouldBe(0);
                (t.Size.Units * 2).ShouldBeLessThanOrEqualTo(market.LevelSize.Units);
                t.Time.ShouldBe(clock.GetUtcNow());
                trades.Add(t);
            }
        }

        trades.Count.ShouldBeGreaterThan(10);
        trades.Select(t => t.TakerSide).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_taker_flow()
    {
        async Task<List<(string, Price, Quantity, Side)>> RunAsync(int seed)
        {
            var (exchange, venue, _) = Sim.Create(seed, o => o with { TakerFlow = new SimulatedTakerFlow() });
            await using var feed = (await venue.SubscribeTradesAsync(Sim.Btc, CancellationToken.None)).Value;
            for (var i = 0; i < 25; i++)
            {
                exchange.Step();
            }

            return [.. Drain(feed).Select(t => (t.TradeId, t.Price, t.Size, t.TakerSide))];
        }

        var first = await RunAsync(11);
        var again = await RunAsync(11);
        var other = await RunAsync(12);

        first.ShouldNotBeEmpty();
        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public async Task The_taker_flow_fills_a_platform_order_resting_at_the_top_of_the_book()
    {
        var (exchange, venue, _) = Sim.Create(configure: o => o with { TakerFlow = new SimulatedTakerFlow(MaxTradesPerStep: 3, MaxLevelFraction: 0.5m) });
        var events = await venue.SubscribeEventsAsync(CancellationToken.None);
        var book = await venue.BookAsync();
        // a bid one tick better than the market maker's: every background seller meets it first
        var order = await venue.PlaceAsync(Sim.Limit(Side.Buy, book.BestBid!.Value.Price.ToDecimal() + 1m, 0.0001m));

        for (var i = 0; i < 200 && (await venue.GetOrderAsync(order.ClientOrderId, CancellationToken.None)).Value.Status != VenueOrderStatus.Filled; i++)
        {
            exchange.SetReferencePrice(Sim.Btc, exchange.Options.Markets[0].InitialPrice);
            exchange.Step();
        }

        var fill = events.Drain().OfType<FillReceived>().ShouldHaveSingleItem().Fill;
        fill.ClientOrderId.ShouldBe(order.ClientOrderId);
        fill.Liquidity.ShouldBe(Liquidity.Maker);
    }

    private static List<VenuePublicTrade> Drain(IVenueSubscription<VenuePublicTrade> feed)
    {
        var trades = new List<VenuePublicTrade>();
        while (feed.Reader.TryRead(out var t))
        {
            trades.Add(t);
        }

        return trades;
    }
}
