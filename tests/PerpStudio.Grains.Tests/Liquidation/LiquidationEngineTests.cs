using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Insurance;
using PerpStudio.Grains.Liquidation;

namespace PerpStudio.Grains.Tests.Liquidation;

public sealed class LiquidationEngineTests
{
    [Fact]
    public async Task An_isolated_liquidation_changes_no_other_position_and_debits_the_account_by_at_most_its_margin()
    {
        await using var silo = await RiskSilo.StartAsync();
        await silo.ConfigureAsync();
        var alice = silo.Account("alice");
        await alice.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await silo.Account("bob").DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await alice.PlaceOrderAsync(Order("eth", RiskSilo.Eth, Side.Buy, "1", MarginMode.Cross, 5));
        await alice.PlaceOrderAsync(Order("btc", RiskSilo.Btc, Side.Buy, "0.05", MarginMode.Isolated, 10));
        await silo.Account("bob").PlaceOrderAsync(Order("b", RiskSilo.Btc, Side.Sell, "0.05", MarginMode.Cross, 10));
        var aliceBefore = await silo.WaitForAsync("alice", v =>
            RiskSilo.SizeOf(v, RiskSilo.Eth, MarginMode.Cross) == Quantity.Parse("1") && RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Isolated) == Quantity.Parse("0.05"));
        await silo.WaitForAsync("bob", v => RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Cross) == Quantity.Parse("-0.05"));
        var bobBefore = await silo.Account("bob").GetRiskViewAsync();
        var allocated = aliceBefore.Positions.Single(p => p.Mode == MarginMode.Isolated).Margin;

        await silo.MoveAsync(RiskSilo.Btc, Price.Of(91_000m));
        ShouldStep(await silo.Engine.SweepAsync());
        var aliceAfter = await silo.WaitForAsync("alice", v => RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Isolated).IsZero);

        aliceAfter.Positions.ShouldNotContain(p => p.Mode == MarginMode.Isolated);
        var eth = aliceAfter.Positions.Single(p => p.Market == RiskSilo.Eth);
        (eth.Size, eth.EntryPrice).ShouldBe((Sized(aliceBefore, RiskSilo.Eth).Size, Sized(aliceBefore, RiskSilo.Eth).EntryPrice));
        // what came back is between nothing and the whole allocation: the account lost at most the margin it allocated
        var returned = aliceAfter.Summary.Collateral - aliceBefore.Summary.Collateral;
        returned.ShouldBeGreaterThanOrEqualTo(Money.Zero);
        returned.ShouldBeLessThan(allocated);
        var bobAfter = await silo.Account("bob").GetRiskViewAsync();
        bobAfter.Summary.Collateral.ShouldBe(bobBefore.Summary.Collateral);
        bobAfter.Positions.Single().Size.ShouldBe(bobBefore.Positions.Single().Size);
    }

    [Fact]
    public async Task A_position_above_the_threshold_is_liquidated_in_steps_with_a_re_check_between_them()
    {
        await using var silo = await RiskSilo.StartAsync(policy: p => p.PartialAbove = Money.Of(1_000m));
        await silo.ConfigureAsync();
        var alice = silo.Account("alice");
        await Open(silo, "alice", 610m, Order("o1", RiskSilo.Btc, Side.Buy, "0.1", MarginMode.Cross, 20));

        await silo.MoveAsync(RiskSilo.Btc, Price.Of(95_000m));
        ShouldStep(await silo.Engine.SweepAsync());

        // 20% of the position went; what is left is healthy again, so the next sweep closes nothing
        var afterFirst = await silo.WaitForAsync("alice", v => RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Cross) < Quantity.Parse("0.1"));
        RiskSilo.SizeOf(afterFirst, RiskSilo.Btc, MarginMode.Cross).ShouldBe(Quantity.Parse("0.08"));
        afterFirst.Summary.CrossLiquidatable.ShouldBeFalse();
        (await silo.Engine.SweepAsync()).Steps.ShouldBe(0);

        await silo.MoveAsync(RiskSilo.Btc, Price.Of(94_000m));
        ShouldStep(await silo.Engine.SweepAsync());
        var afterSecond = await silo.WaitForAsync("alice", v => RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Cross) < Quantity.Parse("0.08"));
        RiskSilo.SizeOf(afterSecond, RiskSilo.Btc, MarginMode.Cross).ShouldBe(Quantity.Parse("0.064"));
    }

    [Fact]
    public async Task An_isolated_loss_beyond_its_margin_is_paid_by_the_insurance_fund_and_never_by_the_account()
    {
        await using var silo = await RiskSilo.StartAsync();
        await silo.ConfigureAsync();
        (await silo.Fund.CreditAsync(new FundCredit("seed", "top-up", Money.Of(1_000m)))).IsSuccess.ShouldBeTrue();
        (await silo.Fund.CreditAsync(new FundCredit("seed", "top-up", Money.Of(1_000m)))).Value.Duplicate.ShouldBeTrue();
        var alice = silo.Account("alice");
        await Open(silo, "alice", 1_000m, Order("o1", RiskSilo.Btc, Side.Buy, "0.05", MarginMode.Isolated, 40));
        var before = await alice.GetSummaryAsync();

        await silo.MoveAsync(RiskSilo.Btc, Price.Of(96_500m));
        ShouldStep(await silo.Engine.SweepAsync());
        await silo.WaitForAsync("alice", v => RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Isolated).IsZero);
        var fills = (await alice.GetFillsAsync(new PageRequest(Limit: 100))).Items;
        var badDebt = fills.Aggregate(Money.Zero, (sum, f) => sum + f.BadDebt);

        badDebt.IsPositive.ShouldBeTrue();
        var statement = await silo.Fund.GetStatementAsync();
        statement.Entries.Select(e => (e.Source, e.Amount)).ShouldBe([("top-up", Money.Of(1_000m)), ("bad-debt", -badDebt)]);
        statement.Balance.ShouldBe(Money.Of(1_000m) - badDebt);
        statement.Entries.Sum(e => e.Amount.Units).ShouldBe(statement.Balance.Units);
        (await alice.GetSummaryAsync()).Collateral.ShouldBe(before.Collateral);
    }

    [Fact]
    public async Task When_the_fund_cannot_cover_a_bankrupt_position_the_opposite_winners_are_deleveraged_in_rank_order_at_the_bankruptcy_price()
    {
        await using var silo = await RiskSilo.StartAsync();
        await silo.ConfigureAsync();
        await Open(silo, "xavier", 260m, Order("x", RiskSilo.Btc, Side.Buy, "0.1", MarginMode.Cross, 40));
        await Open(silo, "s1", 130m, Order("s", RiskSilo.Btc, Side.Sell, "0.05", MarginMode.Cross, 40));
        await Open(silo, "s2", 1_100m, Order("s", RiskSilo.Btc, Side.Sell, "0.05", MarginMode.Cross, 5));
        await Open(silo, "s3", 1_000m, Order("s", RiskSilo.Btc, Side.Sell, "0.03", MarginMode.Isolated, 10));

        await silo.MoveAsync(RiskSilo.Btc, Price.Of(96_000m));
        var bankrupt = await silo.Account("xavier").GetRiskViewAsync();
        bankrupt.Summary.CrossAccountValue.IsNegative.ShouldBeTrue();
        var expectedPrice = BankruptcyPrice.Of(bankrupt.Positions.Single().Mark, bankrupt.Positions.Single().Size, bankrupt.Summary.CrossAccountValue);
        var ranked = await RankAsync(silo, ["s1", "s2", "s3"]);
        ranked.ShouldBe(["s1", "s3", "s2"]);

        var sweep = await silo.Engine.SweepAsync();

        sweep.Deleveraged.ShouldBe(3);
        (await silo.Account("xavier").GetRiskViewAsync()).Positions.ShouldBeEmpty();
        (await silo.Account("s1").GetRiskViewAsync()).Positions.ShouldBeEmpty();
        (await silo.Account("s3").GetRiskViewAsync()).Positions.ShouldBeEmpty();
        (await silo.Account("s2").GetRiskViewAsync()).Positions.Single().Size.ShouldBe(Quantity.Parse("-0.03"));
        var xavierLedger = (await silo.Account("xavier").GetLedgerAsync(new PageRequest(Limit: 100))).Items;
        xavierLedger.ShouldContain(e => e.Kind == LedgerEntryKind.LiquidationPnl);
        // the bankrupt trader loses what it had, to the unit of rounding, and never more
        (await silo.Account("xavier").GetSummaryAsync()).Collateral.ShouldBeInRange(Money.Zero, Money.Of(0.01m));
        (await silo.Fund.GetStatementAsync()).Balance.ShouldBe(Money.Zero);
        var s2Fill = (await silo.Account("s2").GetLedgerAsync(new PageRequest(Limit: 100))).Items.Single(e => e.Kind == LedgerEntryKind.LiquidationPnl);
        s2Fill.Reference.ShouldContain("adl:");
        expectedPrice.ShouldBeGreaterThan(Price.Of(96_000m));
    }

    [Fact]
    public async Task After_a_restart_the_index_is_rebuilt_from_the_registry_and_finds_the_same_candidates()
    {
        await using var silo = await RiskSilo.StartAsync();
        await silo.ConfigureAsync();
        await Open(silo, "alice", 600m, Order("o", RiskSilo.Btc, Side.Buy, "0.05", MarginMode.Isolated, 10));
        await Open(silo, "bob", 600m, Order("o", RiskSilo.Btc, Side.Sell, "0.05", MarginMode.Cross, 10));
        await silo.Services.GetRequiredService<PositionRegistryFlusher>().FlushAsync();
        await silo.Runtime.DeactivateAllAsync();

        var fresh = new LiquidationBook();
        var engine = new LiquidationEngine(fresh, silo.Runtime, new PositionRegistryFlusher(fresh, silo.Runtime),
            silo.Services.GetRequiredService<RiskInstruments>(), new LiquidationPolicy());
        (await engine.RebuildAsync([RiskSilo.Btc, RiskSilo.Eth])).ShouldBe(2);

        fresh.PositionCount(RiskSilo.Btc).ShouldBe(2);
        var down = new List<PositionHolder>();
        fresh.CandidatesAt(RiskSilo.Btc, Price.Of(90_000m), down);
        down.ShouldBe([new PositionHolder("op1/alice", MarginMode.Isolated)]);
        var up = new List<PositionHolder>();
        fresh.CandidatesAt(RiskSilo.Btc, Price.Of(111_000m), up);
        up.ShouldBe([new PositionHolder("op1/bob", MarginMode.Cross)]);
    }

    private static async Task Open(RiskSilo silo, string trader, decimal deposit, OrderRequest order)
    {
        await silo.Account(trader).DepositAsync(new Deposit("d1", Money.Of(deposit)));
        var placed = await silo.Account(trader).PlaceOrderAsync(order);
        placed.Error.ShouldBeNull();
        var signed = order.Side == Side.Buy ? order.Size : -order.Size;
        await silo.WaitForAsync(trader, v => RiskSilo.SizeOf(v, order.Market, order.MarginMode) == signed);
    }

    private static async Task<List<string>> RankAsync(RiskSilo silo, string[] traders)
    {
        var candidates = new List<AdlCandidate>();
        foreach (var trader in traders)
        {
            var view = await silo.Account(trader).GetRiskViewAsync();
            var p = view.Positions.Single();
            var value = p.Mode == MarginMode.Cross ? view.Summary.CrossAccountValue : p.Margin + p.UnrealizedPnl;
            candidates.Add(new AdlCandidate(new PositionHolder(view.Summary.AccountKey, p.Mode), p.Size, p.EntryPrice, p.Mark, p.PositionValue, value, p.UnrealizedPnl));
        }

        return [.. AdlRanking.Rank(candidates, +1).Select(c => c.Holder.AccountKey.Split('/')[1])];
    }

    private static void ShouldStep(SweepReport sweep)
    {
        sweep.Refusals.ShouldBeEmpty();
        sweep.Steps.ShouldBe(1);
    }

    private static PositionView Sized(AccountRiskView view, MarketId market) => view.Positions.Single(p => p.Market == market);

    private static OrderRequest Order(string id, MarketId market, Side side, string size, MarginMode mode, int leverage) =>
        new(new ClientOrderId(id), market, side, OrderType.Market, Quantity.Parse(size), null, TimeInForce.Ioc, false, mode, leverage);
}
