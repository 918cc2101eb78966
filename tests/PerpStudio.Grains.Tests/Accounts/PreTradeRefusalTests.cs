using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class PreTradeRefusalTests
{
    private static async Task<(GrainsSilo Silo, IAccountGrain Account)> FundedAsync(decimal collateral = 10_000m, Func<OperatorConfigChange, OperatorConfigChange>? tweak = null)
    {
        var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync(tweak);
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(collateral)));
        return (silo, account);
    }

    private static async Task ShouldBeRefusedAsync(IAccountGrain account, OrderRequest order, string code, ErrorKind kind)
    {
        var result = await account.PlaceOrderAsync(order);
        result.Order.ShouldBeNull();
        result.Error!.Code.ShouldBe(code);
        result.Error.Kind.ShouldBe(kind);
        (await account.GetOrderAsync(order.ClientOrderId)).ShouldBeNull();
        (await account.GetSummaryAsync()).Reserved.ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task An_order_off_tick_is_refused_with_the_validator_code()
    {
        var (silo, account) = await FundedAsync();
        await using var _ = silo;
        await ShouldBeRefusedAsync(account, TestOrders.Limit("o1", GrainsSilo.Btc, Side.Buy, 0.01m, 90_000.5m), "price_off_tick", ErrorKind.InvalidArgument);
    }

    [Fact]
    public async Task An_order_off_lot_is_refused_with_the_validator_code()
    {
        var (silo, account) = await FundedAsync();
        await using var _ = silo;
        await ShouldBeRefusedAsync(account, TestOrders.Limit("o1", GrainsSilo.Btc, Side.Buy, 0.00015m, 90_000m), "size_off_lot", ErrorKind.InvalidArgument);
    }

    [Fact]
    public async Task A_market_the_operator_does_not_offer_is_unknown()
    {
        var (silo, account) = await FundedAsync(tweak: c => c with { Markets = [c.Markets[0]] });
        await using var _ = silo;
        await ShouldBeRefusedAsync(account, TestOrders.Market("o1", GrainsSilo.Eth, Side.Buy, 0.1m), "unknown_market", ErrorKind.NotFound);
    }

    [Fact]
    public async Task Leverage_above_the_operator_cap_is_refused_though_the_market_allows_it()
    {
        var (silo, account) = await FundedAsync();
        await using var _ = silo;
        // BTC-USD's first tier allows 40x; the operator caps it at 20x
        await ShouldBeRefusedAsync(account, TestOrders.Market("o1", GrainsSilo.Btc, Side.Buy, 0.01m, leverage: 25), "leverage_out_of_range", ErrorKind.InvalidArgument);
    }

    [Fact]
    public async Task A_margin_mode_the_operator_does_not_offer_is_refused()
    {
        var (silo, account) = await FundedAsync(tweak: c => c with { IsolatedOffered = false });
        await using var _ = silo;
        await ShouldBeRefusedAsync(account, TestOrders.Market("o1", GrainsSilo.Btc, Side.Buy, 0.01m, MarginMode.Isolated), "margin_mode_not_offered", ErrorKind.FailedPrecondition);
    }

    [Fact]
    public async Task An_order_needing_more_than_free_collateral_is_refused_for_insufficient_margin()
    {
        var (silo, account) = await FundedAsync(collateral: 100m);
        await using var _ = silo;
        // 0.1 BTC at 10x needs about 1,000 of margin
        await ShouldBeRefusedAsync(account, TestOrders.Market("o1", GrainsSilo.Btc, Side.Buy, 0.1m), "insufficient_margin", ErrorKind.FailedPrecondition);
    }

    [Fact]
    public async Task A_stale_mark_refuses_orders_that_add_risk_but_not_orders_that_reduce_it()
    {
        var (silo, account) = await FundedAsync();
        await using var _ = silo;
        await account.PlaceOrderAsync(TestOrders.Market("open", GrainsSilo.Btc, Side.Buy, 0.05m));
        await silo.FillsAsync("alice", 1);

        silo.SetMark(GrainsSilo.Btc, Price.Of(100_000m), age: TimeSpan.FromMinutes(5)); // the operator's threshold is 30 s
        await ShouldBeRefusedAsync(account, TestOrders.Market("more", GrainsSilo.Btc, Side.Buy, 0.01m), "stale_mark", ErrorKind.FailedPrecondition);
        var reduce = await account.PlaceOrderAsync(TestOrders.Market("reduce", GrainsSilo.Btc, Side.Sell, 0.01m, reduceOnly: true));
        reduce.Error.ShouldBeNull();

        silo.SetMark(GrainsSilo.Btc, Price.Of(100_000m), stale: true); // fresh time, but the market says stale
        await ShouldBeRefusedAsync(account, TestOrders.Market("more-2", GrainsSilo.Btc, Side.Buy, 0.01m), "stale_mark", ErrorKind.FailedPrecondition);
    }

    [Fact]
    public async Task A_position_beyond_the_operator_notional_limit_is_refused()
    {
        var (silo, account) = await FundedAsync(tweak: c => c with { Risk = c.Risk with { MaxPositionNotional = Money.Of(2_000m) } });
        await using var _ = silo;
        await ShouldBeRefusedAsync(account, TestOrders.Market("o1", GrainsSilo.Btc, Side.Buy, 0.03m), "position_limit_exceeded", ErrorKind.FailedPrecondition);
    }

    [Fact]
    public async Task The_mode_of_an_open_position_cannot_change()
    {
        var (silo, account) = await FundedAsync();
        await using var _ = silo;
        await account.PlaceOrderAsync(TestOrders.Market("open", GrainsSilo.Btc, Side.Buy, 0.05m));
        await silo.FillsAsync("alice", 1);
        await ShouldBeRefusedAsync(account, TestOrders.Market("iso", GrainsSilo.Btc, Side.Buy, 0.01m, MarginMode.Isolated), "margin_mode_locked", ErrorKind.FailedPrecondition);
    }

    [Fact]
    public async Task The_preview_shows_the_domain_figures_for_the_account_book_and_changes_nothing()
    {
        var (silo, account) = await FundedAsync();
        await using var _ = silo;
        var preview = await account.PreviewOrderAsync(TestOrders.Market("p1", GrainsSilo.Btc, Side.Buy, 0.1m));
        preview.IsSuccess.ShouldBeTrue();
        preview.Value.Decision.Accepted.ShouldBeTrue();
        preview.Value.ResultingSize.ShouldBe(Quantity.Of(0.1m));
        preview.Value.LiquidationPrice.Price!.Value.ShouldBeLessThan(Price.Of(100_000m));
        preview.Value.Decision.InitialMargin.ShouldBe(Money.Of(1_000m));
        (await account.GetOpenOrdersAsync()).ShouldBeEmpty();

        var tooBig = await account.PreviewOrderAsync(TestOrders.Market("p2", GrainsSilo.Btc, Side.Buy, 2m));
        tooBig.Value.Decision.Refusal!.Code.ShouldBe("insufficient_margin");
    }

    [Fact]
    public async Task Leverage_updates_are_bounded_by_the_operator_cap_and_by_the_margin_the_position_needs()
    {
        var (silo, account) = await FundedAsync(collateral: 1_000m);
        await using var _ = silo;
        await account.PlaceOrderAsync(TestOrders.Market("open", GrainsSilo.Btc, Side.Buy, 0.05m, leverage: 20));
        await silo.FillsAsync("alice", 1);
        (await account.UpdateLeverageAsync(new LeverageChange(GrainsSilo.Btc, MarginMode.Cross, 21))).Error!.Code.ShouldBe("leverage_out_of_range");
        // 0.05 BTC at 1x needs 5,000 of initial margin: more than the account has
        (await account.UpdateLeverageAsync(new LeverageChange(GrainsSilo.Btc, MarginMode.Cross, 1))).Error!.Code.ShouldBe("insufficient_margin");
        var ok = await account.UpdateLeverageAsync(new LeverageChange(GrainsSilo.Btc, MarginMode.Cross, 10));
        ok.Value.Leverage.ShouldBe(10);
        (await account.GetRiskViewAsync()).Positions.Single().Leverage.ShouldBe(10);
    }
}
