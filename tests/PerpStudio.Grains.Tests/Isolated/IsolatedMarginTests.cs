using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Isolated;

public sealed class IsolatedMarginTests
{
    private static async Task<(GrainsSilo Silo, IAccountGrain Account)> OpenIsolatedLongAsync(decimal size = 0.05m)
    {
        var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        var placed = await account.PlaceOrderAsync(TestOrders.Market("iso-open", GrainsSilo.Btc, Side.Buy, size, MarginMode.Isolated, leverage: 10));
        placed.Error.ShouldBeNull();
        await silo.FillsAsync("alice", 1);
        return (silo, account);
    }

    [Fact]
    public async Task An_isolated_fill_moves_the_order_reservation_into_the_position_and_the_ledger_still_explains_collateral()
    {
        var (silo, account) = await OpenIsolatedLongAsync();
        await using var _ = silo;
        var position = await silo.Isolated("alice", GrainsSilo.Btc).GetAsync();
        position.Position.Position.Size.ShouldBe(Quantity.Of(0.05m));
        position.Position.Leverage.ShouldBe(10);
        var summary = await account.GetSummaryAsync();
        summary.IsolatedMargin.ShouldBe(position.Position.Margin);
        summary.Reserved.ShouldBe(Money.Zero);
        (summary.Collateral + summary.IsolatedMargin + (await silo.Fees.GetTotalsAsync()).Total).ShouldBe(Money.Of(10_000m));
        var ledger = await account.GetLedgerAsync(new PageRequest(Limit: 500));
        ledger.Items.Aggregate(Money.Zero, (s, e) => s + e.Amount).ShouldBe(summary.Collateral);
        ledger.Items.ShouldContain(e => e.Kind == LedgerEntryKind.TransferToIsolated);
    }

    [Fact]
    public async Task Removing_margin_below_the_floor_is_refused_and_removing_up_to_it_is_credited_once()
    {
        var (silo, account) = await OpenIsolatedLongAsync();
        await using var _ = silo;
        await account.AddIsolatedMarginAsync(new IsolatedMarginChange("add-1", GrainsSilo.Btc, Money.Of(300m)));
        var preview = (await account.PreviewIsolatedMarginChangeAsync(GrainsSilo.Btc, Money.Of(-100m))).Value;
        preview.Refusal.ShouldBeNull();
        preview.LiquidationAfter.Price!.Value.ShouldBeGreaterThan(preview.LiquidationBefore.Price!.Value);
        var max = preview.MaxRemovable;
        max.IsPositive.ShouldBeTrue();

        var tooMuch = await account.RemoveIsolatedMarginAsync(new IsolatedMarginChange("rm-1", GrainsSilo.Btc, max + Money.Epsilon));
        tooMuch.Error!.Code.ShouldBe("transfer_exceeds_floor");

        var before = (await account.GetSummaryAsync()).Collateral;
        var removed = await account.RemoveIsolatedMarginAsync(new IsolatedMarginChange("rm-2", GrainsSilo.Btc, max));
        removed.IsSuccess.ShouldBeTrue();
        var again = await account.RemoveIsolatedMarginAsync(new IsolatedMarginChange("rm-2", GrainsSilo.Btc, max));
        again.Value.Duplicate.ShouldBeTrue();
        (await account.GetSummaryAsync()).Collateral.ShouldBe(before + max);
    }

    [Fact]
    public async Task A_retried_add_margin_transfer_moves_money_once_on_each_side()
    {
        var (silo, account) = await OpenIsolatedLongAsync();
        await using var _ = silo;
        var marginBefore = (await silo.Isolated("alice", GrainsSilo.Btc).GetAsync()).Position.Margin;
        var collateralBefore = (await account.GetSummaryAsync()).Collateral;
        var first = await account.AddIsolatedMarginAsync(new IsolatedMarginChange("t1", GrainsSilo.Btc, Money.Of(250m)));
        var second = await account.AddIsolatedMarginAsync(new IsolatedMarginChange("t1", GrainsSilo.Btc, Money.Of(250m)));
        first.Value.Duplicate.ShouldBeFalse();
        second.Value.Duplicate.ShouldBeTrue();
        (await silo.Isolated("alice", GrainsSilo.Btc).GetAsync()).Position.Margin.ShouldBe(marginBefore + Money.Of(250m));
        (await account.GetSummaryAsync()).Collateral.ShouldBe(collateralBefore - Money.Of(250m));
    }

    [Fact]
    public async Task Adding_more_margin_than_is_withdrawable_is_refused_by_the_domain()
    {
        var (silo, account) = await OpenIsolatedLongAsync();
        await using var _ = silo;
        var withdrawable = (await account.GetSummaryAsync()).Withdrawable;
        var refused = await account.AddIsolatedMarginAsync(new IsolatedMarginChange("t1", GrainsSilo.Btc, withdrawable + Money.Epsilon));
        refused.Error!.Code.ShouldBe("transfer_exceeds_floor");
    }

    [Fact]
    public async Task Liquidating_an_isolated_position_never_debits_the_account_beyond_its_allocation()
    {
        var (silo, account) = await OpenIsolatedLongAsync();
        await using var _ = silo;
        var before = await account.GetSummaryAsync();
        var allocated = before.IsolatedMargin;

        // the engine closes at a price far below the liquidation price: the loss exceeds the margin
        var receipt = (await silo.Isolated("alice", GrainsSilo.Btc).LiquidateAsync(new IsolatedLiquidation("liq-1", Price.Of(50_000m), Quantity.Zero, Money.Of(5m)))).Value;
        receipt.MarginReturned.ShouldBe(Money.Zero);
        receipt.BadDebt.IsPositive.ShouldBeTrue();
        var retried = (await silo.Isolated("alice", GrainsSilo.Btc).LiquidateAsync(new IsolatedLiquidation("liq-1", Price.Of(50_000m), Quantity.Zero, Money.Of(5m)))).Value;
        retried.Duplicate.ShouldBeTrue();

        var after = await account.GetSummaryAsync();
        after.Collateral.ShouldBe(before.Collateral);
        after.IsolatedMargin.ShouldBe(Money.Zero);
        (before.Equity - after.Equity).ShouldBeLessThanOrEqualTo(allocated + before.IsolatedEquity - before.IsolatedMargin);
        (await account.GetRiskViewAsync()).Positions.ShouldBeEmpty();
    }

    [Fact]
    public async Task What_an_isolated_liquidation_frees_is_credited_to_the_account_once_by_its_id()
    {
        var (silo, account) = await OpenIsolatedLongAsync();
        await using var _ = silo;
        var before = (await account.GetSummaryAsync()).Collateral;
        var receipt = (await silo.Isolated("alice", GrainsSilo.Btc).LiquidateAsync(new IsolatedLiquidation("liq-1", Price.Of(99_000m), Quantity.Zero, Money.Zero))).Value;
        receipt.MarginReturned.IsPositive.ShouldBeTrue();
        var credit = new TransferCredit("liq-1", receipt.MarginReturned, "isolated-liquidation", GrainsSilo.Btc);
        (await account.CreditTransferAsync(credit)).Value.Duplicate.ShouldBeFalse();
        (await account.CreditTransferAsync(credit)).Value.Duplicate.ShouldBeTrue();
        (await account.GetSummaryAsync()).Collateral.ShouldBe(before + receipt.MarginReturned);
    }

    [Fact]
    public async Task A_closing_fill_beyond_the_margin_sends_the_bad_debt_to_insurance_once()
    {
        var (silo, account) = await OpenIsolatedLongAsync();
        await using var _ = silo;
        var reduce = new OrderRequest(new ClientOrderId("iso-close"), GrainsSilo.Btc, Side.Sell, OrderType.Limit, Quantity.Of(0.05m), Price.Of(150_000m),
            TimeInForce.Gtc, true, MarginMode.Isolated, 10);
        (await account.PlaceOrderAsync(reduce)).Order!.Status.ShouldBe(OrderStatus.Open);
        var crash = new AccountFill("F-crash", new ClientOrderId("iso-close"), GrainsSilo.Btc, Side.Sell, Price.Of(80_000m), Quantity.Of(0.05m),
            Liquidity.Taker, new FeeSchedule(Rate.Of(0.00015m), Rate.Of(0.00045m)), "sim-a", DateTimeOffset.UnixEpoch);
        var collateral = (await account.GetSummaryAsync()).Collateral;
        var outcome = await account.ApplyFillAsync(crash);
        (await account.ApplyFillAsync(crash)).Duplicate.ShouldBeTrue();
        outcome.Fill!.BadDebt.IsPositive.ShouldBeTrue();
        (await account.GetSummaryAsync()).Collateral.ShouldBe(collateral);
        silo.Insurance.Claims().ShouldHaveSingleItem().Amount.ShouldBe(outcome.Fill.BadDebt);
    }
}
