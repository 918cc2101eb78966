using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Routing;
using PerpStudio.Testing.Redis;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Fills;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Grains.Tests.Routing;

public sealed class GrainFillBookTests
{
    private static readonly VenueId SimA = new("sim-a");
    private static readonly VenueId SimB = new("sim-b");
    private static readonly MarketId Btc = new("BTC-USD");
    private static readonly MarketId Eth = new("ETH-USD");
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_fill_counts_once_in_its_markets_position_however_often_it_is_handed_over()
    {
        await using var silo = RoutingSilo.Start();
        var book = new GrainFillBook(silo.Runtime);
        var buy = Fill(SimA, "f1", Btc, Side.Buy, 0.5m, Start);

        (await book.ApplyAsync(buy, CancellationToken.None)).ShouldBe(FillApplication.Applied);
        (await book.ApplyAsync(buy, CancellationToken.None)).ShouldBe(FillApplication.AlreadyApplied);
        (await book.ApplyAsync(Fill(SimA, "f2", Btc, Side.Sell, 0.2m, Start.AddSeconds(1)), CancellationToken.None)).ShouldBe(FillApplication.Applied);

        (await book.PositionAsync("op1", SimA, Btc, CancellationToken.None)).ShouldBe(Quantity.Of(0.3m));
        (await book.PositionAsync("op1", SimB, Btc, CancellationToken.None)).ShouldBe(Quantity.Zero);
        (await book.MarketsAsync("op1", SimA, CancellationToken.None)).ShouldBe([Btc]);
        (await book.AppliedFillsAsync("op1", SimA, Btc, Start.AddSeconds(1), CancellationToken.None))
            .ShouldHaveSingleItem().FillId.ShouldBe(new VenueFillId("f2"));
    }

    [Fact]
    public void Any_sequence_of_hand_overs_leaves_the_positions_the_in_memory_book_keeps()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var fills = Enumerable.Range(0, random.Next(1, 25))
                .Select(_ => Fill(
                    random.Next(2) == 0 ? SimA : SimB,
                    $"f{random.Next(10)}",
                    random.Next(2) == 0 ? Btc : Eth,
                    random.Next(2) == 0 ? Side.Buy : Side.Sell,
                    random.Next(1, 100) / 100m,
                    Start.AddSeconds(random.Next(600))))
                .ToArray();
            var (grains, reference) = Replay(fills).GetAwaiter().GetResult();
            grains.ShouldBe(reference);
        }));
    }

    [Fact]
    public async Task With_Redis_the_book_survives_a_crash_and_a_fill_handed_over_again_still_counts_once()
    {
        await using var redis = await RedisServer.StartAsync();
        var buy = Fill(SimA, "f1", Btc, Side.Buy, 0.5m, Start);
        var before = RoutingSilo.Start(redis.ConnectionString);
        await new GrainFillBook(before.Runtime).ApplyAsync(buy, CancellationToken.None);
        await before.CrashAsync();

        await using var after = RoutingSilo.Start(redis.ConnectionString);
        var book = new GrainFillBook(after.Runtime);

        (await book.ApplyAsync(buy, CancellationToken.None)).ShouldBe(FillApplication.AlreadyApplied);
        (await book.PositionAsync("op1", SimA, Btc, CancellationToken.None)).ShouldBe(Quantity.Of(0.5m));
    }

    private static async Task<(string Grains, string Reference)> Replay(RoutedFill[] fills)
    {
        await using var silo = RoutingSilo.Start();
        var book = new GrainFillBook(silo.Runtime);
        var reference = new InMemoryFillBook();
        var grains = new List<string>();
        var expected = new List<string>();
        foreach (var fill in fills)
        {
            // two venues may number fills alike: (venue, fill id) is the key in both books
            grains.Add((await book.ApplyAsync(fill, CancellationToken.None)).ToString());
            expected.Add((await reference.ApplyAsync(fill, CancellationToken.None)).ToString());
        }

        foreach (var venue in new[] { SimA, SimB })
        {
            foreach (var market in new[] { Btc, Eth })
            {
                grains.Add($"{venue} {market} {await book.PositionAsync("op1", venue, market, CancellationToken.None)}");
                expected.Add($"{venue} {market} {await reference.PositionAsync("op1", venue, market, CancellationToken.None)}");
            }
        }

        return (string.Join("\n", grains), string.Join("\n", expected));
    }

    private static RoutedFill Fill(VenueId venue, string fillId, MarketId market, Side side, decimal size, DateTimeOffset time)
    {
        var owner = new OrderOwner("op1", "alice");
        var order = new ClientOrderId("ps-1");
        var leg = new RoutedLeg(LegIds.Derive(owner, order, 0), owner, order, 0, 0, venue, market, side, Quantity.Of(size));
        return new RoutedFill(venue, leg, new VenueFill(
            new VenueFillId(fillId), new VenueOrderId("v-1"), leg.LegId, market, side, Price.Of(100m), Quantity.Of(size), Money.Zero, Liquidity.Taker, time));
    }
}
