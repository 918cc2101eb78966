using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;
using PerpStudio.Domain.Tests.Margin;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Risk;

public sealed class StressTestTests
{
    private static readonly Dictionary<MarketId, Rate> NoFunding = [];

    private static StressScenario Shock(string btc, string eth = "0", string hourly = "0", int hours = 0) =>
        new(new Dictionary<MarketId, Rate> { [Btc.Id] = Rate.Parse(btc), [Eth.Id] = Rate.Parse(eth) },
            new Dictionary<MarketId, Rate> { [Btc.Id] = Rate.Parse(hourly) }, hours);

    [Fact]
    public void A_ten_percent_drop_liquidates_a_10x_isolated_long_and_says_what_it_would_need()
    {
        var iso = IsolatedPositionTests.Open(Btc, Side.Buy, "1", "100000", 10);
        var book = new StressBook(Account("0"), [iso], new Dictionary<MarketId, Price> { [Btc.Id] = P("100000") }, Catalog);
        var result = StressTest.Run(book, Shock("-0.1")).Value;
        var leg = result.Positions.Single();
        leg.ShockedMark.ShouldBe(P("90000"));
        leg.UnrealizedPnl.ShouldBe(M("-10000"));
        leg.Equity.ShouldBe(Money.Zero);
        leg.MaintenanceMargin.ShouldBe(M("1125"));
        leg.Liquidates.ShouldBeTrue();
        leg.Shortfall.ShouldBe(M("1125"));
        result.TotalShortfall.ShouldBe(M("1125"));
        result.CrossLiquidates.ShouldBeFalse();
    }

    [Fact]
    public void A_funding_shock_is_charged_for_every_hour()
    {
        var account = CrossAccountTests.Fill(Account("10000"), Btc, Side.Buy, "1", "100000", 10);
        // 24 hours at 0.01% on 100,000 = 240 paid; a 5% drop costs 5,000
        var result = StressTest.Run(new StressBook(account, [], new Dictionary<MarketId, Price>(), Catalog), Shock("-0.05", hourly: "0.0001", hours: 24)).Value;
        result.Positions[0].Funding.ShouldBe(M("-228")); // on the shocked 95,000 oracle
        result.CrossAccountValue.ShouldBe(M("4772"));
        result.CrossMaintenance.ShouldBe(M("1187.5"));
        result.CrossLiquidates.ShouldBeFalse();
    }

    [Fact]
    public void Cross_positions_share_the_account_result()
    {
        var account = CrossAccountTests.Fill(Account("5000"), Btc, Side.Buy, "1", "100000", 40);
        account = CrossAccountTests.Fill(account, Eth, Side.Buy, "10", "3000", 20);
        var result = StressTest.Run(new StressBook(account, [], new Dictionary<MarketId, Price>(), Catalog), Shock("-0.05", "-0.05")).Value;
        // value 5,000 - 5,000 - 1,500 = -1,500; maintenance 95,000/80 + 28,500/50 = 1,757.5
        result.CrossAccountValue.ShouldBe(M("-1500"));
        result.CrossShortfall.ShouldBe(M("3257.5"));
        result.Positions.ShouldAllBe(p => p.Liquidates && p.Shortfall == M("3257.5") && p.Mode == MarginMode.Cross);
    }

    [Fact]
    public void Bad_scenarios_are_refused()
    {
        var book = new StressBook(Account("1"), [], new Dictionary<MarketId, Price>(), Catalog);
        StressTest.Run(book, Shock("-1.5")).Error!.Code.ShouldBe("price_shock_out_of_range");
        StressTest.Run(book, Shock("0", hours: -1)).Error!.Code.ShouldBe("funding_hours_not_positive");
        StressTest.Run(book, null!).Error!.Field.ShouldBe("scenario");
        StressTest.Run(null!, Shock("0")).Error!.Field.ShouldBe("book");
        var orphan = new StressBook(Account("1"), [IsolatedPositionTests.Open(Btc, Side.Buy, "1", "1", 1)], new Dictionary<MarketId, Price>(), Catalog);
        StressTest.Run(orphan, Shock("0")).Error!.Code.ShouldBe("mark_not_positive");
    }

    [Fact]
    public void Isolated_results_are_the_same_whatever_other_positions_exist()
    {
        var others = from market in Gen.Elements(Eth, BtcTestnet)
                     from fill in Generators.BtcFill
                     select (market, fill);
        var gen = from iso in Generators.IsolatedBtc(Btc)
                  from mark in Generators.BtcPrice
                  from shock in Gen.Choose(-9_000, 9_000).Select(bp => new Rate(bp * 1_000_000L))
                  from crossLegs in others.ListOf().Select(l => l.Take(5).ToArray())
                  from isoLegs in Generators.IsolatedBtc(Eth).ListOf().Select(l => l.Take(3).ToArray())
                  select (iso, mark, shock, crossLegs, isoLegs);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var scenario = new StressScenario(new Dictionary<MarketId, Rate> { [Btc.Id] = input.shock, [Eth.Id] = input.shock }, NoFunding, 0);
            var marks = new Dictionary<MarketId, Price> { [Btc.Id] = input.mark, [Eth.Id] = P("3000") };
            var alone = StressTest.Run(new StressBook(Account("0"), [input.iso], marks, Catalog), scenario).Value;

            var account = Account("1000");
            foreach (var (market, fill) in input.crossLegs)
            {
                account = account.ApplyFill(market, fill.Side, fill.Size, fill.Price, Money.Zero, 5, fill.Price).Value.After;
            }

            var crowded = StressTest.Run(new StressBook(account, [.. input.isoLegs, input.iso], marks, Catalog), scenario).Value;
            var isolatedShortfalls = crowded.Positions.Where(p => p.Mode == MarginMode.Isolated).Sum(p => p.Shortfall.Units);
            return crowded.Positions[^1] == alone.Positions[0]
                && crowded.TotalShortfall.Units == crowded.CrossShortfall.Units + isolatedShortfalls;
        }));
    }
}
