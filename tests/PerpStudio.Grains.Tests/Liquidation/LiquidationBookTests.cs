using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Liquidation;
using static PerpStudio.Grains.Tests.Liquidation.RiskMarkets;

namespace PerpStudio.Grains.Tests.Liquidation;

public sealed class LiquidationBookTests
{
    [Fact]
    public void An_isolated_long_becomes_a_candidate_exactly_when_the_mark_reaches_its_liquidation_price()
    {
        // the architecture's example: 1 BTC long at 100,000, 10x isolated, max 40x
        var rules = Rules("BTC-USD", "BTC", "0.01", "0.0001", "10", [("0", 40)]);
        var position = new IsolatedPosition(rules.Id, Position.Open(Side.Buy, Q("1"), P("100000")), M("10000"), 10);
        var liquidation = position.LiquidationPrice(rules).Price!.Value;
        // the Domain rounds a long's price up to the tick (91,139.2405... becomes 91,139.25)
        liquidation.ShouldBe(P("91139.25"));
        var book = new LiquidationBook();
        book.PositionChanged(new LiquidationIndexEntry(rules.Id, "op/a/BTC-USD", "op/a", MarginMode.Isolated, 1, Q("1"), liquidation));

        Candidates(book, rules.Id, P("91139.26")).ShouldBeEmpty();
        position.Health(rules, P("91139.26")).Liquidatable.ShouldBeFalse();
        Candidates(book, rules.Id, P("91139.25")).ShouldBe([new PositionHolder("op/a", MarginMode.Isolated)]);
        position.Health(rules, P("91139.24")).Liquidatable.ShouldBeTrue();
        Candidates(book, rules.Id, P("91139.24")).ShouldBe([new PositionHolder("op/a", MarginMode.Isolated)]);
    }

    [Fact]
    public void A_flat_report_takes_the_position_out_of_the_index_and_out_of_open_interest()
    {
        var book = new LiquidationBook();
        book.PositionChanged(new LiquidationIndexEntry(Btc.Id, "op/a", "op/a", MarginMode.Cross, 1, Q("2"), P("90000")));
        book.PositionChanged(new LiquidationIndexEntry(Btc.Id, "op/b/BTC-USD", "op/b", MarginMode.Isolated, -1, Q("-0.5"), P("110000")));
        book.OpenInterest(Btc.Id).ShouldBe((Q("2"), Q("0.5")));

        book.PositionChanged(new LiquidationIndexEntry(Btc.Id, "op/a", "op/a", MarginMode.Cross, 0, Quantity.Zero, null));

        book.OpenInterest(Btc.Id).ShouldBe((Quantity.Zero, Q("0.5")));
        book.PositionCount(Btc.Id).ShouldBe(1);
        Candidates(book, Btc.Id, P("1")).ShouldBeEmpty();
        book.DrainRegistryChanges().Select(c => (c.Holder.AccountKey, c.Added)).ShouldBe([("op/a", true), ("op/b", true), ("op/a", false)]);
        book.DrainRegistryChanges().ShouldBeEmpty();
    }

    [Fact]
    public void A_short_without_a_liquidation_price_is_a_candidate_at_any_mark_and_a_long_without_one_never_is()
    {
        var book = new LiquidationBook();
        book.PositionChanged(new LiquidationIndexEntry(Btc.Id, "op/s", "op/s", MarginMode.Cross, -1, Q("-1"), null));
        book.PositionChanged(new LiquidationIndexEntry(Btc.Id, "op/l", "op/l", MarginMode.Cross, 1, Q("1"), null));

        Candidates(book, Btc.Id, P("0.1")).ShouldBe([new PositionHolder("op/s", MarginMode.Cross)]);
        Candidates(book, Btc.Id, P("1000000")).ShouldBe([new PositionHolder("op/s", MarginMode.Cross)]);
    }

    [Fact]
    public void Another_market_moving_against_a_cross_account_past_the_band_makes_all_its_positions_candidates_until_refreshed()
    {
        var book = new LiquidationBook(new LiquidationBookOptions { CrossBand = Rate.Parse("0.02") });
        var marks = new Dictionary<MarketId, Price> { [Btc.Id] = P("100000"), [Eth.Id] = P("3000") };
        foreach (var (market, mark) in marks)
        {
            book.UpdateMark(market, mark);
        }

        // long 1 BTC and long 30 ETH at 10x on 22,000 of collateral
        var account = CrossAccount.Open(M("22000")).Value
            .ApplyFill(Btc, Side.Buy, Q("1"), P("100000"), Money.Zero, 10, marks[Btc.Id]).Value.After
            .ApplyFill(Eth, Side.Buy, Q("30"), P("3000"), Money.Zero, 10, marks[Eth.Id]).Value.After;
        Report(book, "op/x", account);
        var holder = new PositionHolder("op/x", MarginMode.Cross);
        Candidates(book, Btc.Id, P("100000")).ShouldBeEmpty();

        // ETH falls 1%: inside the band, nothing re-derived
        book.UpdateMark(Eth.Id, P("2970")).ShouldBe(0);
        book.IsStale("op/x").ShouldBeFalse();

        // ETH falls 25%: past the trigger; the account is now liquidatable although BTC has not moved
        book.UpdateMark(Eth.Id, P("2250")).ShouldBe(1);
        var valued = account.WithMark(Eth.Id, P("2250")).Value;
        valued.IsLiquidatable.ShouldBeTrue();
        book.IsStale("op/x").ShouldBeTrue();
        Candidates(book, Btc.Id, P("100000")).ShouldBe([holder]);
        Candidates(book, Eth.Id, P("2250")).ShouldBe([holder]);

        // the sweeper re-reads the account (say after it deposited enough to be safe) and refreshes the index
        var topped = valued.Deposit(M("50000")).Value;
        topped.IsLiquidatable.ShouldBeFalse();
        book.Refresh("op/x", Entries("op/x", topped));
        book.IsStale("op/x").ShouldBeFalse();
        Candidates(book, Btc.Id, P("100000")).ShouldBeEmpty();
    }

    internal static List<PositionHolder> Candidates(LiquidationBook book, MarketId market, Price mark)
    {
        var into = new List<PositionHolder>();
        book.CandidatesAt(market, mark, into);
        return into;
    }

    private static void Report(LiquidationBook book, string key, CrossAccount account)
    {
        foreach (var entry in Entries(key, account))
        {
            book.PositionChanged(entry);
        }
    }

    private static List<LiquidationIndexEntry> Entries(string key, CrossAccount account)
    {
        var entries = new List<LiquidationIndexEntry>();
        foreach (var p in account.Positions)
        {
            entries.Add(new LiquidationIndexEntry(p.Market, key, key, MarginMode.Cross, p.Position.Sign, p.Position.Size, account.LiquidationPrice(p.Market).Price));
        }

        return entries;
    }
}
