using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Leaderboard;
using PerpStudio.Grains.Tests.Support;

namespace PerpStudio.Grains.Tests.Leaderboard;

public sealed class LeaderboardTests
{
    private static readonly Domain.Markets.MarketId Btc = new("BTC-USD");

    [Fact]
    public async Task Traders_are_ranked_by_realized_pnl_and_by_volume_from_the_fills_their_accounts_applied()
    {
        await using var silo = await LeaderboardSilo.StartAsync();
        var alice = await RoundTripAsync(silo, "alice", 0.1m, fills: 4);
        var bob = await RoundTripAsync(silo, "bob", 0.02m, fills: 2);
        await silo.DrainedAsync();

        var byPnl = await silo.Board.GetStandingsAsync(new LeaderboardQuery(LeaderboardWindow.Day, LeaderboardRanking.RealizedPnl, silo.Clock.GetUtcNow()));
        var byVolume = await silo.Board.GetStandingsAsync(new LeaderboardQuery(LeaderboardWindow.AllTime, LeaderboardRanking.Volume, silo.Clock.GetUtcNow()));

        // each row is what that trader's own fills realized, best first
        var realized = new[] { ("alice", Sum(alice, f => f.RealizedPnl)), ("bob", Sum(bob, f => f.RealizedPnl)) }.OrderByDescending(t => t.Item2).ToList();
        realized[0].Item2.ShouldNotBe(realized[1].Item2);
        byPnl.Rows.Select(r => (r.Trader, r.RealizedPnl)).ShouldBe(realized);
        byPnl.Rows.Select(r => r.Rank).ShouldBe([1, 2]);
        byVolume.Rows.Select(r => r.Trader).ShouldBe(["alice", "bob"]);
        byVolume.Rows[0].Volume.ShouldBe(Sum(alice, f => Notional.Of(f.Size, f.Price, Rounding.HalfEven)));
        byVolume.Rows[0].Fills.ShouldBe(alice.Count);
        silo.Feed.Counted.ShouldBe(alice.Count + bob.Count);
    }

    [Fact]
    public async Task A_fill_event_delivered_twice_is_counted_once()
    {
        await using var silo = await LeaderboardSilo.StartAsync();
        var fills = await RoundTripAsync(silo, "alice", 0.05m, fills: 2);
        await silo.DrainedAsync();
        var before = await silo.Board.GetStandingsAsync(new LeaderboardQuery(LeaderboardWindow.AllTime, LeaderboardRanking.Volume, silo.Clock.GetUtcNow()));

        var key = GrainKeys.Account(LeaderboardSilo.OperatorId, "alice");
        foreach (var fill in fills)
        {
            silo.Hub.Publish(new FillApplied(key, 1_000 + fill.Sequence, fill.Time, fill));
        }

        await silo.DrainedAsync();
        var after = await silo.Board.GetStandingsAsync(new LeaderboardQuery(LeaderboardWindow.AllTime, LeaderboardRanking.Volume, silo.Clock.GetUtcNow()));
        after.Rows.ToList().ShouldBe(before.Rows.ToList());
        silo.Feed.Counted.ShouldBe(fills.Count);
    }

    [Fact]
    public async Task A_fill_after_missed_ones_brings_the_missed_ones_from_the_account_first()
    {
        await using var silo = await LeaderboardSilo.StartAsync(feedFromHub: false);
        var fills = await RoundTripAsync(silo, "alice", 0.1m, fills: 4);
        var key = GrainKeys.Account(LeaderboardSilo.OperatorId, "alice");

        // only the last event reaches this feed, as when the process that applied the others stopped first
        var last = fills.MaxBy(f => f.Sequence)!;
        silo.Feed.Enqueue(new FillApplied(key, 99, last.Time, last));
        await silo.DrainedAsync();

        var standings = await silo.Board.GetStandingsAsync(new LeaderboardQuery(LeaderboardWindow.Week, LeaderboardRanking.RealizedPnl, silo.Clock.GetUtcNow()));
        var row = standings.Rows.ShouldHaveSingleItem();
        row.Fills.ShouldBe(fills.Count);
        row.RealizedPnl.ShouldBe(Sum(fills, f => f.RealizedPnl));
        silo.Feed.Counted.ShouldBe(fills.Count);
    }

    [Fact]
    public async Task The_grain_refuses_a_gap_and_ignores_a_repeat_without_changing_anything()
    {
        await using var silo = await LeaderboardSilo.StartAsync(feedFromHub: false);
        var key = GrainKeys.Account(LeaderboardSilo.OperatorId, "zed");
        var now = silo.Clock.GetUtcNow();
        LeaderboardFill Line(long sequence) => new(key, sequence, $"f{sequence}", Money.Of(10m), Money.Of(1_000m), now);

        var gap = await silo.Board.RecordAsync(Line(2));
        var first = await silo.Board.RecordAsync(Line(1));
        var repeat = await silo.Board.RecordAsync(Line(1));

        gap.Counted.ShouldBeFalse();
        gap.Gap(2).ShouldBeTrue();
        gap.LastSequence.ShouldBe(0);
        first.ShouldBe(new LeaderboardReceipt(true, 1));
        repeat.ShouldBe(new LeaderboardReceipt(false, 1));
        repeat.Gap(1).ShouldBeFalse();
        var row = (await silo.Board.GetStandingsAsync(new LeaderboardQuery(LeaderboardWindow.AllTime, LeaderboardRanking.RealizedPnl, now))).Rows.ShouldHaveSingleItem();
        row.ShouldBe(new LeaderboardRow(1, "zed", Money.Of(10m), Money.Of(1_000m), 1));
    }

    [Fact]
    public async Task Windows_count_only_their_hours_and_hourly_totals_older_than_a_week_are_dropped()
    {
        await using var silo = await LeaderboardSilo.StartAsync(feedFromHub: false);
        var key = GrainKeys.Account(LeaderboardSilo.OperatorId, "zed");
        var start = silo.Clock.GetUtcNow();
        var offsets = new[] { TimeSpan.Zero, TimeSpan.FromDays(3), TimeSpan.FromDays(8), TimeSpan.FromDays(8.5) };
        for (var i = 0; i < offsets.Length; i++)
        {
            (await silo.Board.RecordAsync(new LeaderboardFill(key, i + 1, $"f{i}", Money.Of(i + 1), Money.Of(100m), start + offsets[i]))).Counted.ShouldBeTrue();
        }

        async Task<LeaderboardRow> RowAsync(LeaderboardWindow window) =>
            (await silo.Board.GetStandingsAsync(new LeaderboardQuery(window, LeaderboardRanking.RealizedPnl, start + TimeSpan.FromDays(8.5)))).Rows.ShouldHaveSingleItem();

        (await RowAsync(LeaderboardWindow.Day)).RealizedPnl.ShouldBe(Money.Of(7m));
        (await RowAsync(LeaderboardWindow.Week)).RealizedPnl.ShouldBe(Money.Of(9m));
        (await RowAsync(LeaderboardWindow.AllTime)).RealizedPnl.ShouldBe(Money.Of(10m));
        (await RowAsync(LeaderboardWindow.AllTime)).Fills.ShouldBe(4);
    }

    [Fact]
    public async Task A_fill_of_another_operators_account_is_refused()
    {
        await using var silo = await LeaderboardSilo.StartAsync(feedFromHub: false);

        await Should.ThrowAsync<ArgumentException>(() => silo.Board.RecordAsync(
            new LeaderboardFill(GrainKeys.Account("op2", "eve"), 1, "f1", Money.Zero, Money.Zero, silo.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task An_event_that_can_never_be_counted_is_set_aside_and_the_fills_after_it_still_count()
    {
        await using var silo = await LeaderboardSilo.StartAsync(feedFromHub: false);
        var fills = await RoundTripAsync(silo, "alice", 0.05m, fills: 2);
        var key = GrainKeys.Account(LeaderboardSilo.OperatorId, "alice");

        silo.Feed.Enqueue(new FillApplied("not-an-account-key", 1, fills[0].Time, fills[0]));
        silo.Feed.Enqueue(new FillApplied(key, 98, fills[1].Time, fills[1]));
        await silo.DrainedAsync();

        silo.Feed.SetAside.ShouldBe(1);
        silo.Feed.Counted.ShouldBe(2);
        var row = (await silo.Board.GetStandingsAsync(new LeaderboardQuery(LeaderboardWindow.AllTime, LeaderboardRanking.Volume, silo.Clock.GetUtcNow()))).Rows.ShouldHaveSingleItem();
        row.Fills.ShouldBe(2);
    }

    private static async Task<List<FillView>> RoundTripAsync(LeaderboardSilo silo, string trader, decimal size, int fills)
    {
        var account = silo.Account(trader);
        (await account.DepositAsync(new Deposit($"{trader}-d", Money.Of(50_000m)))).IsSuccess.ShouldBeTrue();
        (await account.PlaceOrderAsync(TestOrders.Market($"{trader}-open", Btc, Side.Buy, size))).Error.ShouldBeNull();
        await silo.FillsAsync(trader, fills / 2);
        (await account.ClosePositionAsync(new ClosePosition(new ClientOrderId($"{trader}-close"), Btc, MarginMode.Cross))).Error.ShouldBeNull();
        return await silo.FillsAsync(trader, fills);
    }

    private static Money Sum(IEnumerable<FillView> fills, Func<FillView, Money> of) => fills.Aggregate(Money.Zero, (s, f) => s + of(f));
}
