using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Operators;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Operators;

public sealed class FeeCollectorGrainTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 23, 59, 59, TimeSpan.Zero);
    private static readonly MarketId Btc = new("BTC-USD");
    private static readonly MarketId Eth = new("ETH-USD");

    [Fact]
    public async Task Credits_are_reported_per_market_and_utc_day_and_a_repeat_counts_once()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.Fees.CreditAsync(Credit("a", 1, Btc, Day1, "1.5", "0.4"));
        await silo.Fees.CreditAsync(Credit("a", 1, Btc, Day1, "1.5", "0.4")); // retried after a crash
        await silo.Fees.CreditAsync(Credit("b", 1, Btc, Day1, "2", "0.1"));
        await silo.Fees.CreditAsync(Credit("a", 2, Eth, Day1, "0.25", "0"));
        await silo.Fees.CreditAsync(Credit("a", 3, Btc, Day1.AddSeconds(1), "1", "0.2")); // 00:00:00 next day, UTC

        var report = await silo.Fees.GetRevenueReportAsync(RevenueQuery.All);
        report.Rows.Select(r => $"{r.Day:yyyy-MM-dd} {r.Market} {r.Operator} {r.Referral} {r.Fills}").ShouldBe(
        [
            "2026-03-01 BTC-USD 3.5 0.5 2",
            "2026-03-01 ETH-USD 0.25 0 1",
            "2026-03-02 BTC-USD 1 0.2 1",
        ]);
        report.Totals.Operator.ShouldBe(Money.Of(4.75m));
        report.Totals.Referral.ShouldBe(Money.Of(0.7m));
        report.Totals.Fills.ShouldBe(4);

        var totals = await silo.Fees.GetTotalsAsync();
        totals.Credits.ShouldBe(4);
        totals.Referral.ShouldBe(Money.Of(0.7m));
        totals.Paid.ShouldBe(report.Totals.Collected);
    }

    [Fact]
    public async Task A_query_filters_by_day_range_and_market()
    {
        await using var silo = await GrainsSilo.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await silo.Fees.CreditAsync(Credit("a", (2 * i) + 1, Btc, Day1.AddDays(i), "1", "0"));
            await silo.Fees.CreditAsync(Credit("a", (2 * i) + 2, Eth, Day1.AddDays(i), "2", "0"));
        }

        var from = DateOnly.FromDateTime(Day1.AddDays(1).UtcDateTime);
        var to = DateOnly.FromDateTime(Day1.AddDays(3).UtcDateTime);
        var eth = await silo.Fees.GetRevenueReportAsync(new RevenueQuery(from, to, Eth));
        eth.Rows.Length.ShouldBe(3);
        eth.Rows.ShouldAllBe(r => r.Market == Eth && r.Day >= from && r.Day <= to);
        eth.Totals.Operator.ShouldBe(Money.Of(6m));
        (await silo.Fees.GetRevenueReportAsync(new RevenueQuery(from, to, null))).Totals.Operator.ShouldBe(Money.Of(9m));
    }

    [Fact]
    public async Task Rows_older_than_the_kept_window_are_dropped_but_the_totals_keep_them()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.Fees.CreditAsync(Credit("a", 1, Btc, Day1, "1", "0"));
        await silo.Fees.CreditAsync(Credit("a", 2, Btc, Day1.AddDays(RevenueWindow.DaysKept - 1), "1", "0"));
        (await silo.Fees.GetRevenueReportAsync(RevenueQuery.All)).Rows.Length.ShouldBe(2);

        await silo.Fees.CreditAsync(Credit("a", 3, Btc, Day1.AddDays(RevenueWindow.DaysKept), "1", "0"));
        var report = await silo.Fees.GetRevenueReportAsync(RevenueQuery.All);
        report.Rows.Length.ShouldBe(2);
        report.OldestDayKept.ShouldBe(DateOnly.FromDateTime(Day1.AddDays(RevenueWindow.DaysKept - 1).UtcDateTime));
        (await silo.Fees.GetTotalsAsync()).Operator.ShouldBe(Money.Of(3m));
    }

    [Fact]
    public void A_day_s_rows_count_each_credit_once_and_their_totals_are_the_sums_to_the_micro_unit()
    {
        var credits = Gen.ListOf(
            from market in Gen.Elements(Btc, Eth)
            from account in Gen.Elements("a", "b", "c")
            from venue in Gen.Choose(0, 5_000_000)
            from op in Gen.Choose(0, 5_000_000)
            from referral in Gen.Choose(0, 1_000_000)
            from repeat in Gen.Elements(false, false, true)
            select (market, account, venue, op, referral, repeat));
        Check.QuickThrowOnFailure(Prop.ForAll(credits.ToArbitrary(), list =>
        {
            var day = new RevenueDay();
            var sequences = new Dictionary<string, long>();
            var counted = new List<(string Account, int Venue, int Op, int Referral)>();
            foreach (var (market, account, venue, op, referral, repeat) in list)
            {
                // a repeat is a retried delivery of the account's last credit
                var seq = repeat && sequences.TryGetValue(account, out var last) ? last : sequences[account] = sequences.GetValueOrDefault(account) + 1;
                var credit = new FeeCredit(account, seq, $"{account}{seq}", new Money(venue), Money.Zero, Money.Zero, new Money(op))
                {
                    Market = market, Time = Day1, Referral = new Money(referral),
                };
                var before = day;
                day = day.Add(credit);
                if (!ReferenceEquals(before, day))
                {
                    counted.Add((account, venue, op, referral));
                }
            }

            var rows = day.Rows.Values.ToList();
            var totals = RevenueTotals.Of(rows);
            return totals.Venue.Units == counted.Sum(c => (long)c.Venue)
                && totals.Operator.Units == rows.Sum(r => r.Operator.Units)
                && totals.Collected.Units == rows.Sum(r => r.Collected.Units)
                && totals.Referral.Units == counted.Sum(c => (long)c.Referral)
                && totals.Fills == counted.Count
                && counted.Count == sequences.Values.Sum();
        }));
    }

    [Fact]
    public void The_window_keeps_four_hundred_days_back_from_the_newest_and_names_the_days_it_drops()
    {
        var start = new DateOnly(2026, 1, 1);
        var (window, dropped) = new RevenueWindow().Add(start);
        dropped.ShouldBeEmpty();
        (window, dropped) = window.Add(start.AddDays(RevenueWindow.DaysKept - 1));
        dropped.ShouldBeEmpty();
        window.Keeps(start).ShouldBeTrue();
        (window, dropped) = window.Add(start.AddDays(RevenueWindow.DaysKept));
        dropped.ShouldBe([start]);
        window.Days.ShouldBe([start.AddDays(RevenueWindow.DaysKept - 1), start.AddDays(RevenueWindow.DaysKept)]);
        window.Keeps(start).ShouldBeFalse();
    }

    private static FeeCredit Credit(string account, long sequence, MarketId market, DateTimeOffset time, string operatorPart, string referral) =>
        new(account, sequence, $"{account}-{sequence}", Money.Of(1m), Money.Zero, Money.Zero, Money.Parse(operatorPart))
        {
            Market = market,
            Time = time,
            Referral = Money.Parse(referral),
            Notional = Money.Of(1000m),
        };
}
