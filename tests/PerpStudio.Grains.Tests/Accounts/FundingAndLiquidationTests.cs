using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class FundingAndLiquidationTests
{
    [Fact]
    public async Task Funding_is_booked_once_per_id_with_the_domain_payment_on_cross_and_isolated_positions()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await account.PlaceOrderAsync(TestOrders.Market("cross", GrainsSilo.Btc, Side.Buy, 0.05m));
        await account.PlaceOrderAsync(TestOrders.Market("iso", GrainsSilo.Eth, Side.Sell, 1m, MarginMode.Isolated, leverage: 5));
        await silo.FillsAsync("alice", 2);

        var charge = new FundingCharge("BTC-USD:1", GrainsSilo.Btc, Price.Of(100_000m), Rate.Of(0.0001m), DateTimeOffset.UnixEpoch);
        var collateral = (await account.GetSummaryAsync()).Collateral;
        var booked = (await account.ApplyFundingAsync(charge)).Value;
        booked.Amount.ShouldBe(FundingModel.PaymentUnchecked(Quantity.Of(0.05m), Price.Of(100_000m), Rate.Of(0.0001m)).Amount);
        booked.Amount.IsNegative.ShouldBeTrue(); // longs pay a positive rate
        (await account.ApplyFundingAsync(charge)).Value.Duplicate.ShouldBeTrue();
        (await account.GetSummaryAsync()).Collateral.ShouldBe(collateral + booked.Amount);

        var isolated = silo.Isolated("alice", GrainsSilo.Eth);
        var margin = (await isolated.GetAsync()).Position.Margin;
        var ethCharge = new FundingCharge("ETH-USD:1", GrainsSilo.Eth, Price.Of(3_000m), Rate.Of(0.0001m), DateTimeOffset.UnixEpoch);
        var received = (await isolated.ApplyFundingAsync(ethCharge)).Value;
        received.Amount.IsPositive.ShouldBeTrue(); // shorts receive
        (await isolated.ApplyFundingAsync(ethCharge)).Value.Duplicate.ShouldBeTrue();
        (await isolated.GetAsync()).Position.Margin.ShouldBe(margin + received.Amount);
        (await account.GetSummaryAsync()).Collateral.ShouldBe(collateral + booked.Amount);
    }

    [Fact]
    public async Task A_cross_liquidation_step_closes_at_the_engine_price_once_and_reports_a_shortfall()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(300m)));
        await account.PlaceOrderAsync(TestOrders.Market("cross", GrainsSilo.Btc, Side.Buy, 0.05m, leverage: 20));
        await silo.FillsAsync("alice", 1);

        var half = (await account.LiquidateCrossAsync(new CrossLiquidation("liq-1", GrainsSilo.Btc, Quantity.Of(0.02m), Price.Of(95_000m), Money.Of(1m)))).Value;
        half.Closed.ShouldBe(Quantity.Of(0.02m));
        half.Remaining.ShouldBe(Quantity.Of(0.03m));
        (await account.LiquidateCrossAsync(new CrossLiquidation("liq-1", GrainsSilo.Btc, Quantity.Of(0.02m), Price.Of(95_000m), Money.Of(1m)))).Value.Duplicate.ShouldBeTrue();

        var rest = (await account.LiquidateCrossAsync(new CrossLiquidation("liq-2", GrainsSilo.Btc, Quantity.Zero, Price.Of(90_000m), Money.Zero))).Value;
        rest.Remaining.ShouldBe(Quantity.Zero);
        rest.CollateralAfter.IsNegative.ShouldBeTrue();
        rest.Shortfall.ShouldBe(-rest.CollateralAfter);
        var ledger = await account.GetLedgerAsync(new PageRequest(Limit: 500));
        ledger.Items.Aggregate(Money.Zero, (s, e) => s + e.Amount).ShouldBe(rest.CollateralAfter);
        ledger.Items.Count(e => e.Kind == LedgerEntryKind.LiquidationPenalty).ShouldBe(1);
        (await account.GetRiskViewAsync()).Positions.ShouldBeEmpty();
    }
}
