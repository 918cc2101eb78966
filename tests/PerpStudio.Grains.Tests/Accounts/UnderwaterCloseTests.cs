using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Grains.Tests.Liquidation;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class UnderwaterCloseTests
{
    [Fact]
    public async Task A_trader_closes_a_cross_position_while_free_collateral_is_negative()
    {
        await using var silo = await RiskSilo.StartAsync();
        await silo.ConfigureAsync();
        var alice = silo.Account("alice");
        await alice.DepositAsync(new Deposit("d1", Money.Of(610m)));
        (await alice.PlaceOrderAsync(Order("o1", Side.Buy, "0.1", 20))).Error.ShouldBeNull();
        await silo.WaitForAsync("alice", v => RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Cross) == Quantity.Parse("0.1"));

        // below initial margin, above maintenance: no new risk allowed, not liquidatable either
        await silo.MoveAsync(RiskSilo.Btc, Price.Of(98_500m));
        var underwater = (await alice.GetRiskViewAsync()).Summary;
        underwater.FreeCollateral.IsNegative.ShouldBeTrue();
        underwater.CrossLiquidatable.ShouldBeFalse();
        (await alice.PlaceOrderAsync(Order("more", Side.Buy, "0.01", 20))).Error!.Code.ShouldBe("insufficient_margin");

        var close = await alice.ClosePositionAsync(new ClosePosition(new ClientOrderId("close"), RiskSilo.Btc, MarginMode.Cross));

        close.Error.ShouldBeNull();
        close.Order!.Reserved.ShouldBe(Money.Zero);
        var after = await silo.WaitForAsync("alice", v => RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Cross).IsZero);
        after.Positions.ShouldBeEmpty();
        after.Summary.Reserved.ShouldBe(Money.Zero);
        after.Summary.Collateral.ShouldBeLessThan(Money.Of(610m));
    }

    [Fact]
    public async Task After_a_funding_debit_the_index_holds_the_new_cross_liquidation_price()
    {
        await using var silo = await RiskSilo.StartAsync();
        await silo.ConfigureAsync();
        var alice = silo.Account("alice");
        await alice.DepositAsync(new Deposit("d1", Money.Of(1_000m)));
        (await alice.PlaceOrderAsync(Order("o1", Side.Buy, "0.1", 20))).Error.ShouldBeNull();
        var opened = await silo.WaitForAsync("alice", v => RiskSilo.SizeOf(v, RiskSilo.Btc, MarginMode.Cross) == Quantity.Parse("0.1"));
        var before = opened.Positions.Single().LiquidationPrice.Price!.Value;
        Holders(silo.Book, before).ShouldContain(Alice);

        var charge = new FundingCharge("BTC-USD:1", RiskSilo.Btc, Price.Of(100_000m), Rate.Of(0.002m), DateTimeOffset.UnixEpoch);
        var booked = (await alice.ApplyFundingAsync(charge)).Value;
        booked.Amount.IsNegative.ShouldBeTrue();

        var after = (await alice.GetRiskViewAsync()).Positions.Single().LiquidationPrice.Price!.Value;
        // a 20 debit on 0.1 BTC lifts the long's liquidation price by about 200, far beyond the index's rounding guard
        (after.Units - before.Units).ShouldBeGreaterThan(Price.Of(100m).Units);
        Holders(silo.Book, after).ShouldContain(Alice);
        var mark = (await silo.Market(RiskSilo.Btc).GetSnapshotAsync()).Mark;
        Holders(silo.Book, mark).ShouldNotContain(Alice);
    }

    private static readonly PositionHolder Alice = new("op1/alice", MarginMode.Cross);

    private static List<PositionHolder> Holders(LiquidationBook book, Price mark)
    {
        var found = new List<PositionHolder>();
        book.CandidatesAt(RiskSilo.Btc, mark, found);
        return found;
    }

    private static OrderRequest Order(string id, Side side, string size, int leverage) =>
        new(new ClientOrderId(id), RiskSilo.Btc, side, OrderType.Market, Quantity.Parse(size), null, TimeInForce.Ioc, false, MarginMode.Cross, leverage);
}
