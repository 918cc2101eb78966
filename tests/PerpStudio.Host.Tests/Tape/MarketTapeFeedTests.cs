using Microsoft.Extensions.Logging.Abstractions;
using PerpStudio.Api.MarketData;
using PerpStudio.Domain.Markets;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Markets;
using PerpStudio.Host.Venues;
using PerpStudio.Testing;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Host.Tests.Tape;

public sealed class MarketTapeFeedTests
{
    private static readonly MarketId Btc = new("BTC-USD");

    [Fact]
    public async Task Every_trade_of_every_simulated_venue_reaches_the_tape_once_with_its_venue()
    {
        var clock = new ManualTimeProvider();
        await using var fleet = new VenueFleet([new SimulatedVenueSettings { Name = "sim-a", Seed = 3 }, new SimulatedVenueSettings { Name = "sim-b", Seed = 4 }], clock);
        var tape = new MarketTape();
        using var feed = new MarketTapeFeed(fleet, tape, clock, NullLogger<MarketTapeFeed>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await feed.StartAsync(timeout.Token);
        await feed.Subscribed.WaitAsync(timeout.Token);
        using var printed = tape.Subscribe(Btc);
        var expected = new List<(string Venue, VenuePublicTrade Trade)>();
        var watchers = new List<(string, IVenueSubscription<VenuePublicTrade>)>();
        foreach (var venue in fleet.MarketDataVenues())
        {
            watchers.Add((venue.Id.Value, (await venue.SubscribeTradesAsync(Btc, timeout.Token)).Value));
        }

        for (var i = 0; i < 15; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            foreach (var exchange in fleet.Exchanges)
            {
                exchange.Step();
            }
        }

        foreach (var (venue, watcher) in watchers)
        {
            while (watcher.Reader.TryRead(out var t))
            {
                expected.Add((venue, t));
            }

            await watcher.DisposeAsync();
        }

        expected.ShouldNotBeEmpty();
        var recorded = new List<MarketTrade>();
        while (recorded.Count < expected.Count)
        {
            recorded.Add(await printed.Reader.ReadAsync(timeout.Token));
        }

        // each venue's trades in its own order; across venues the followers interleave
        foreach (var venue in new[] { "sim-a", "sim-b" })
        {
            recorded.Where(r => r.Venue == venue).Select(r => (r.Price, r.Size, r.TakerSide, r.Time))
                .ShouldBe(expected.Where(e => e.Venue == venue).Select(e => (e.Trade.Price, e.Trade.Size, e.Trade.TakerSide, e.Trade.Time)));
        }

        tape.Recent(Btc, 10_000).Length.ShouldBe(expected.Count);
        tape.Candles(Btc, TimeSpan.FromMinutes(1), DateTimeOffset.MinValue, DateTimeOffset.MaxValue).Sum(c => c.Trades).ShouldBe(expected.Count);
        await feed.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void A_repeated_trade_id_is_recognised_until_it_falls_out_of_the_window()
    {
        var ids = new RecentTradeIds(capacity: 2);

        ids.Add("t1").ShouldBeTrue();
        ids.Add("t1").ShouldBeFalse();
        ids.Add("t2").ShouldBeTrue();
        ids.Add("t3").ShouldBeTrue();

        ids.Add("t1").ShouldBeTrue();
        ids.Add("t3").ShouldBeFalse();
    }
}
