using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Routing;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;
using PerpStudio.Testing.Redis;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Reconciliation;
using Xunit.Abstractions;

namespace PerpStudio.Grains.Tests.Routing;

public sealed class VenueFillBookGrainTests(ITestOutputHelper output)
{
    private const string Book = "op1/sim-a";
    private static readonly MarketId Btc = new("BTC-USD");
    private static readonly MarketId Eth = new("ETH-USD");
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_fill_applied_twice_counts_once_across_many_markets_and_hours_and_after_reactivation()
    {
        await using var silo = RoutingSilo.StartRecording();
        var markets = Enumerable.Range(0, 5).Select(i => new MarketId($"M{i}-USD")).ToArray();
        var fills = Enumerable.Range(0, 600)
            .Select(i => new AppliedFill(new VenueFillId($"f{i}"), markets[i % 5], Quantity.Of((i % 7) - 3 + 0.25m), Start.AddMinutes(i * 4)))
            .ToArray();
        var book = silo.Runtime.GetGrain<IVenueFillBookGrain>(Book);

        // 40 hours, within the retention: every fill is kept, each market has one in every hour
        foreach (var fill in fills)
        {
            (await book.ApplyAsync(fill)).ShouldBeTrue();
        }

        // handed over again in another order, within one activation and after a fresh one read everything back
        foreach (var fill in fills.Reverse())
        {
            (await book.ApplyAsync(fill)).ShouldBeFalse();
        }

        await silo.Runtime.DeactivateAllAsync();
        foreach (var fill in fills.Where((_, i) => i % 3 == 0))
        {
            (await book.ApplyAsync(fill)).ShouldBeFalse();
        }

        foreach (var market in markets)
        {
            var expected = fills.Where(f => f.Market == market).Aggregate(Quantity.Zero, (sum, f) => sum + f.SignedSize);
            (await book.GetPositionAsync(market)).ShouldBe(expected);
            (await book.GetFillsAsync(market, Start)).ShouldBe(fills.Where(f => f.Market == market));
        }

        (await book.GetMarketsAsync()).ShouldBe(markets);
        silo.Storage!.Stored.Count(name => name.StartsWith("fills-", StringComparison.Ordinal)).ShouldBe(5 * 40);
    }

    [Fact]
    public async Task A_write_stopped_between_the_bucket_and_the_hot_record_neither_counts_twice_nor_loses_the_fill()
    {
        await using var silo = RoutingSilo.StartRecording();
        var book = silo.Runtime.GetGrain<IVenueFillBookGrain>(Book);
        var first = new AppliedFill(new VenueFillId("f1"), Btc, Quantity.Of(1m), Start.AddMinutes(1));
        var second = new AppliedFill(new VenueFillId("f2"), Btc, Quantity.Of(2m), Start.AddMinutes(2));
        (await book.ApplyAsync(first)).ShouldBeTrue();

        // the bucket holding f2 is stored, the hot record that counts it is not
        silo.Storage!.FailNextWriteOf("fills");
        await Should.ThrowAsync<IOException>(() => book.ApplyAsync(second));

        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(1m));
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([first]);
        (await book.ApplyAsync(second)).ShouldBeTrue();
        (await book.ApplyAsync(second)).ShouldBeFalse();
        await silo.Runtime.DeactivateAllAsync();

        (await book.ApplyAsync(second)).ShouldBeFalse();
        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(3m));
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([first, second]);
    }

    [Fact]
    public async Task With_Redis_a_bucket_stored_by_a_process_that_died_before_its_hot_record_is_not_counted_twice()
    {
        await using var redis = await RedisServer.StartAsync();
        var first = new AppliedFill(new VenueFillId("f1"), Btc, Quantity.Of(1m), Start.AddMinutes(1));
        var second = new AppliedFill(new VenueFillId("f2"), Btc, Quantity.Of(2m), Start.AddMinutes(2));
        var before = RoutingSilo.Start(redis.ConnectionString);
        var grain = before.Runtime.GetGrain<IVenueFillBookGrain>(Book);
        (await grain.ApplyAsync(first)).ShouldBeTrue();

        // what the dying process got out: the bucket with f2, not the hot record counting it
        var bucket = new GrainState<VenueFillBucket>(new VenueFillBucket());
        await before.GrainStorage.ReadStateAsync(FillBucketMark.NameOf(Btc.Symbol, Start), grain.GetGrainId(), bucket);
        bucket.State = new VenueFillBucket { Fills = [first, second] };
        await before.GrainStorage.WriteStateAsync(FillBucketMark.NameOf(Btc.Symbol, Start), grain.GetGrainId(), bucket);
        await before.CrashAsync();

        await using var after = RoutingSilo.Start(redis.ConnectionString);
        var book = after.Runtime.GetGrain<IVenueFillBookGrain>(Book);
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([first]);
        (await book.ApplyAsync(first)).ShouldBeFalse();
        (await book.ApplyAsync(second)).ShouldBeTrue();
        (await book.ApplyAsync(second)).ShouldBeFalse();
        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(3m));
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([first, second]);
    }

    [Fact]
    public async Task A_bucket_fill_the_hot_record_never_counted_is_replaced_by_the_next_fill_of_that_hour()
    {
        await using var silo = RoutingSilo.StartRecording();
        var book = silo.Runtime.GetGrain<IVenueFillBookGrain>(Book);
        var first = new AppliedFill(new VenueFillId("f1"), Btc, Quantity.Of(1m), Start.AddMinutes(1));
        var lost = new AppliedFill(new VenueFillId("f2"), Btc, Quantity.Of(2m), Start.AddMinutes(2));
        var third = new AppliedFill(new VenueFillId("f3"), Btc, Quantity.Of(4m), Start.AddMinutes(3));
        (await book.ApplyAsync(first)).ShouldBeTrue();
        silo.Storage!.FailNextWriteOf("fills");
        await Should.ThrowAsync<IOException>(() => book.ApplyAsync(lost));

        (await book.ApplyAsync(third)).ShouldBeTrue();
        await silo.Runtime.DeactivateAllAsync();

        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(5m));
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([first, third]);
        (await book.ApplyAsync(lost)).ShouldBeTrue();
        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(7m));
    }

    [Fact]
    public async Task Fills_across_an_hour_boundary_come_back_oldest_first_from_since_and_within_the_retention()
    {
        await using var silo = RoutingSilo.StartRecording();
        var book = silo.Runtime.GetGrain<IVenueFillBookGrain>(Book);
        var late = new AppliedFill(new VenueFillId("a"), Btc, Quantity.Of(1m), Start.AddHours(1).AddSeconds(30));
        var early = new AppliedFill(new VenueFillId("b"), Btc, Quantity.Of(1m), Start.AddMinutes(30));
        var last = new AppliedFill(new VenueFillId("c"), Btc, Quantity.Of(1m), Start.AddHours(1).AddTicks(-1));
        var onTheHour = new AppliedFill(new VenueFillId("d"), Btc, Quantity.Of(1m), Start.AddHours(1));
        var other = new AppliedFill(new VenueFillId("e"), Eth, Quantity.Of(1m), Start.AddHours(1));
        foreach (var fill in new[] { late, early, last, onTheHour, other })
        {
            (await book.ApplyAsync(fill)).ShouldBeTrue();
        }

        (await book.GetFillsAsync(Btc, Start)).ShouldBe([early, last, onTheHour, late]);
        (await book.GetFillsAsync(Btc, Start.AddHours(1))).ShouldBe([onTheHour, late]);
        (await book.GetFillsAsync(Btc, Start.AddMinutes(31))).ShouldBe([last, onTheHour, late]);

        // the newest fill moves the retention past the first hour: its bucket is dropped, the next one is cut at the instant
        var newest = new AppliedFill(new VenueFillId("f"), Eth, Quantity.Of(1m), Start.AddHours(1) + VenueFillBookGrain.Retention);
        (await book.ApplyAsync(newest)).ShouldBeTrue();
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([onTheHour, late]);
        silo.Storage!.Stored.ShouldNotContain(FillBucketMark.NameOf(Btc.Symbol, Start));
        await silo.Runtime.DeactivateAllAsync();
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([onTheHour, late]);
        (await book.GetFillsAsync(Eth, Start)).ShouldBe([other, newest]);

        // a fill already older than the retention still counts in its position (as before buckets) but is not kept
        var stale = new AppliedFill(new VenueFillId("g"), Btc, Quantity.Of(10m), Start);
        (await book.ApplyAsync(stale)).ShouldBeTrue();
        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(14m));
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([onTheHour, late]);
        (await book.ApplyAsync(early)).ShouldBeTrue();
        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(15m));
    }

    [Fact]
    public async Task What_one_apply_writes_does_not_grow_with_the_fills_of_other_hours_and_markets()
    {
        await using var silo = RoutingSilo.StartRecording();
        var book = silo.Runtime.GetGrain<IVenueFillBookGrain>(Book);
        var storage = silo.Storage!;
        const int count = 1_000;
        const int perHour = 25;

        // 1,000 fills, 25 per market-hour, 2 markets over 20 hours
        var fills = Enumerable.Range(0, count)
            .Select(i => new AppliedFill(
                new VenueFillId($"fill-{i:D5}"), i % 2 == 0 ? Btc : Eth, Quantity.Of(0.01m), Start.AddSeconds(i * 3600 / (2 * perHour))))
            .ToArray();
        var perApply = new List<int>();
        foreach (var fill in fills)
        {
            var before = storage.Writes.Count;
            (await book.ApplyAsync(fill)).ShouldBeTrue();
            var writes = storage.Writes.Skip(before).ToArray();
            writes.Select(w => w.StateName).ShouldBe([FillBucketMark.NameOf(fill.Market.Symbol, FillBucketMark.HourOf(fill.Time)), "fills"]);
            perApply.Add(writes.Sum(w => w.Bytes));
        }

        var hot = storage.Writes.Where(w => w.StateName == "fills").Select(w => w.Bytes).ToArray();
        var oneFill = storage.Writes[0].Bytes;
        var bucketOfAnHour = storage.Writes.Where(w => w.StateName != "fills").Max(w => w.Bytes);

        // a full bucket is its market-hour's 25 fills; the hot record a mark per market-hour, never a fill
        bucketOfAnHour.ShouldBeLessThan(perHour * oneFill);
        hot[^1].ShouldBeLessThan(4_000);
        perApply[^1].ShouldBeLessThan(bucketOfAnHour + hot[^1] + 1);
        perApply.Max().ShouldBeLessThan(10_000);
        hot.Max().ShouldBe(hot[^1]);
        storage.Writes.Sum(w => w.Bytes).ShouldBeLessThan(count * 10_000);
        output.WriteLine($"one fill {oneFill} B, largest bucket {bucketOfAnHour} B, hot record {hot[0]} B first and {hot[^1]} B last, " +
            $"largest apply {perApply.Max()} B, all {count} applies {storage.Writes.Sum(w => w.Bytes)} B");
        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(5m));
    }

    [Fact]
    public async Task Fills_an_earlier_version_kept_in_the_hot_record_move_into_buckets_and_still_count_once()
    {
        await using var silo = RoutingSilo.StartRecording();
        var book = silo.Runtime.GetGrain<IVenueFillBookGrain>(Book);
        var first = new AppliedFill(new VenueFillId("f1"), Btc, Quantity.Of(1m), Start.AddMinutes(10));
        var second = new AppliedFill(new VenueFillId("f2"), Btc, Quantity.Of(2m), Start.AddMinutes(70));
        var third = new AppliedFill(new VenueFillId("f3"), Eth, Quantity.Of(-1m), Start.AddMinutes(20));
        var legacy = new VenueFillBookState
        {
            Positions = new VenueFillBookState().Positions.Add(Btc.Symbol, Quantity.Of(3m)).Add(Eth.Symbol, Quantity.Of(-1m)),
            Recent = [first, third, second],
        };
        await silo.Storage!.WriteStateAsync("fills", book.GetGrainId(), new GrainState<VenueFillBookState>(legacy));

        (await book.ApplyAsync(second)).ShouldBeFalse();
        (await book.GetFillsAsync(Btc, Start)).ShouldBe([first, second]);
        silo.Storage.Stored.ShouldContain(FillBucketMark.NameOf(Btc.Symbol, Start.AddHours(1)));
        await silo.Runtime.DeactivateAllAsync();

        (await book.ApplyAsync(third)).ShouldBeFalse();
        (await book.GetPositionAsync(Btc)).ShouldBe(Quantity.Of(3m));
        (await book.GetFillsAsync(Eth, Start)).ShouldBe([third]);
        var stored = new GrainState<VenueFillBookState>(new VenueFillBookState());
        await silo.Storage.ReadStateAsync("fills", book.GetGrainId(), stored);
        stored.State.Recent.ShouldBeEmpty();
        stored.State.Buckets.Select(b => (b.Market, b.Hour, b.Count)).OrderBy(b => b.Hour).ThenBy(b => b.Market, StringComparer.Ordinal)
            .ShouldBe([(Btc.Symbol, Start, 1), (Eth.Symbol, Start, 1), (Btc.Symbol, Start.AddHours(1), 1)]);
    }
}
