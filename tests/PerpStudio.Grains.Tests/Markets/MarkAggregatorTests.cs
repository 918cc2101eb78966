using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Markets;

namespace PerpStudio.Grains.Tests.Markets;

public sealed class MarkAggregatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_bad_source_beyond_the_band_is_discarded_and_named_and_the_mark_is_the_median_of_the_rest()
    {
        var readings = new[]
        {
            Reading("a", "100000", "99990", "0.0001"),
            Reading("b", "100040", "100000", "0.0002"),
            Reading("c", "100010", "100005", "0.0003"),
            Reading("bad", "150000", "150000", "0.04"),
        };

        var aggregate = MarkAggregator.Aggregate(readings, Now, MarketPriceSettings.Default);

        aggregate.Discarded.ShouldBe(["bad"]);
        aggregate.Kept.ShouldBe(["a", "b", "c"]);
        aggregate.Mark.ShouldBe(Price.Parse("100010"));
        aggregate.Oracle.ShouldBe(Price.Parse("100000"));
        aggregate.FundingRate.ShouldBe(Rate.Parse("0.0002"));
        aggregate.IsStale.ShouldBeFalse();
    }

    [Fact]
    public void A_single_wild_source_cannot_move_the_mark_even_before_it_is_discarded()
    {
        var honest = new[] { Reading("a", "3000", "3000", "0"), Reading("b", "3001", "3000", "0"), Reading("c", "2999", "3000", "0") };
        foreach (var wild in new[] { "1", "2940", "3059.99", "1000000" })
        {
            var aggregate = MarkAggregator.Aggregate([.. honest, Reading("wild", wild, wild, "0")], Now, MarketPriceSettings.Default);
            // four sources: the median of the kept ones stays between the honest extremes
            aggregate.Mark.ShouldBeInRange(Price.Parse("2999"), Price.Parse("3001"));
        }
    }

    [Fact]
    public void Readings_older_than_the_threshold_do_not_count_and_too_few_fresh_sources_make_the_market_stale()
    {
        var settings = MarketPriceSettings.Default with { StaleAfter = TimeSpan.FromSeconds(30) };
        var readings = new[]
        {
            Reading("a", "100", "100", "0", age: TimeSpan.FromSeconds(31)),
            Reading("b", "101", "100", "0", age: TimeSpan.FromSeconds(30)),
            Reading("c", "102", "100", "0", age: TimeSpan.FromSeconds(5)),
        };

        var aggregate = MarkAggregator.Aggregate(readings, Now, settings);

        aggregate.Kept.ShouldBe(["b", "c"]);
        aggregate.Mark.ShouldBe(Price.Parse("101.5"));
        aggregate.IsStale.ShouldBeTrue();
        MarkAggregator.Aggregate(readings, Now + TimeSpan.FromSeconds(40), settings).Mark.ShouldBe(Price.Zero);
    }

    [Fact]
    public void The_funding_rate_is_capped_at_the_hourly_cap_either_way()
    {
        var up = MarkAggregator.Aggregate([Reading("a", "10", "10", "0.5"), Reading("b", "10", "10", "0.06"), Reading("c", "10", "10", "0.05")], Now, MarketPriceSettings.Default);
        var down = MarkAggregator.Aggregate([Reading("a", "10", "10", "-0.5"), Reading("b", "10", "10", "-0.06"), Reading("c", "10", "10", "-0.05")], Now, MarketPriceSettings.Default);
        up.FundingRate.ShouldBe(Rate.Parse("0.04"));
        down.FundingRate.ShouldBe(Rate.Parse("-0.04"));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_floor_of_the_middle_pair()
    {
        MarkAggregator.Median([4, 1, 3, 2]).ShouldBe(2);
        MarkAggregator.Median([-3, -2]).ShouldBe(-3);
        MarkAggregator.Median([7]).ShouldBe(7);
    }

    [Fact]
    public void The_aggregate_stays_the_same_until_the_first_fresh_reading_turns_stale_and_changes_just_after()
    {
        var settings = MarketPriceSettings.Default;
        Check.QuickThrowOnFailure(Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var readings = Enumerable.Range(0, random.Next(1, 6))
                .Select(i => Reading($"s{i}", (3000 + random.Next(-5, 6)).ToString(CultureInfo.InvariantCulture), "3000", "0",
                    TimeSpan.FromMilliseconds(random.Next(0, (int)(settings.StaleAfter.TotalMilliseconds * 2)))))
                .ToArray();
            var until = MarkAggregator.SameUntil(readings, Now, settings);
            var first = MarkAggregator.Aggregate(readings, Now, settings);
            if (until == DateTimeOffset.MaxValue)
            {
                first.Kept.ShouldBeEmpty();
                return;
            }

            var atEnd = MarkAggregator.Aggregate(readings, until, settings);
            (atEnd.Mark, atEnd.Oracle, atEnd.FundingRate, atEnd.Kept.Count, atEnd.IsStale)
                .ShouldBe((first.Mark, first.Oracle, first.FundingRate, first.Kept.Count, first.IsStale));
            MarkAggregator.Aggregate(readings, until + TimeSpan.FromTicks(1), settings).Kept.Count.ShouldBeLessThan(first.Kept.Count);
        }));
    }

    private static PriceSourceReading Reading(string source, string mark, string oracle, string rate, TimeSpan age = default) =>
        new(source, Price.Parse(mark), Price.Parse(oracle), Rate.Parse(rate), Now - age);
}
