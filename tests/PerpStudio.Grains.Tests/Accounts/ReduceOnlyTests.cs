using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class ReduceOnlyTests
{
    private static OrderRequest Close(string cloid, decimal size) =>
        new(new ClientOrderId(cloid), GrainsSilo.Btc, Side.Sell, OrderType.Limit, Quantity.Of(size), Price.Of(110_000m), TimeInForce.Gtc, true, MarginMode.Cross, 10);

    private static async Task<IAccountGrain> LongAsync(GrainsSilo silo, decimal size)
    {
        await silo.ConfigureAsync();
        var account = silo.Account("closer");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await account.PlaceOrderAsync(TestOrders.Market("open", GrainsSilo.Btc, Side.Buy, size));
        await silo.FillsAsync("closer", 1);
        (await account.GetRiskViewAsync()).Positions.ShouldHaveSingleItem().Size.ShouldBe(Quantity.Of(size));
        return account;
    }

    [Fact]
    public async Task Two_reduce_only_orders_each_of_the_whole_position_do_not_both_pass()
    {
        await using var silo = await GrainsSilo.StartAsync();
        var account = await LongAsync(silo, 0.05m);

        (await account.PlaceOrderAsync(Close("close-1", 0.05m))).Order!.Status.ShouldBe(OrderStatus.Open);
        var second = await account.PlaceOrderAsync(Close("close-2", 0.05m));

        second.Error!.Code.ShouldBe(ReduceOnlyBudget.ExceedsPosition);
        second.Error.Field.ShouldBe("size");
        (await account.GetOpenOrdersAsync()).ShouldHaveSingleItem().ClientOrderId.ShouldBe(new ClientOrderId("close-1"));
        (await account.GetOrderAsync(new ClientOrderId("close-2"))).ShouldBeNull();
    }

    [Fact]
    public async Task A_reduce_only_order_larger_than_what_the_others_leave_is_trimmed_to_it()
    {
        await using var silo = await GrainsSilo.StartAsync();
        var account = await LongAsync(silo, 0.05m);

        await account.PlaceOrderAsync(Close("close-1", 0.03m));
        var second = await account.PlaceOrderAsync(Close("close-2", 0.05m));

        second.Error.ShouldBeNull();
        second.Order!.Request.Size.ShouldBe(Quantity.Of(0.02m));
        (await account.GetOpenOrdersAsync()).Sum(o => o.Request.Size.Units).ShouldBe(Quantity.Of(0.05m).Units);

        // cancelling one frees its share for the next
        await account.CancelOrderByClientIdAsync(new ClientOrderId("close-1"));
        (await account.PlaceOrderAsync(Close("close-3", 0.05m))).Order!.Request.Size.ShouldBe(Quantity.Of(0.03m));
    }

    [Fact]
    public async Task Enlarging_a_reduce_only_order_beyond_what_the_others_leave_is_refused_and_changes_nothing()
    {
        await using var silo = await GrainsSilo.StartAsync();
        var account = await LongAsync(silo, 0.05m);
        await account.PlaceOrderAsync(Close("close-1", 0.03m));
        await account.PlaceOrderAsync(Close("close-2", 0.02m));

        var modified = await account.ModifyOrderAsync(new OrderModification(new ClientOrderId("close-2"), null, Quantity.Of(0.04m)));

        modified.Error!.Code.ShouldBe(ReduceOnlyBudget.ExceedsPosition);
        (await account.GetOrderAsync(new ClientOrderId("close-2")))!.Request.Size.ShouldBe(Quantity.Of(0.02m));
    }

    private static OrderRequest Exit(string cloid, TriggerKind kind, decimal triggerPrice, decimal size) =>
        new(new ClientOrderId(cloid), GrainsSilo.Btc, Side.Sell, OrderType.Market, Quantity.Of(size), null, TimeInForce.Ioc, true, MarginMode.Cross, 10,
            kind, Price.Of(triggerPrice));

    [Fact]
    public async Task A_take_profit_and_a_stop_loss_each_of_the_whole_position_are_both_accepted_and_cancelled_once_the_position_is_closed()
    {
        await using var silo = await GrainsSilo.StartAsync();
        var account = await LongAsync(silo, 0.05m);

        var tp = await account.PlaceOrderAsync(Exit("tp", TriggerKind.TakeProfit, 1_000_000m, 0.05m));
        tp.Order!.IsTerminal.ShouldBeFalse(tp.ToString());
        var sl = await account.PlaceOrderAsync(Exit("sl", TriggerKind.StopLoss, 1_000m, 0.05m));
        sl.Order!.IsTerminal.ShouldBeFalse(sl.ToString());
        var tp2 = await account.PlaceOrderAsync(Exit("tp-2", TriggerKind.TakeProfit, 1_000_000m, 0.01m));
        tp2.Error.ShouldNotBeNull(tp2.ToString()).Code.ShouldBe(ReduceOnlyBudget.ExceedsPosition);
        (await account.GetOpenOrdersAsync()).Count.ShouldBe(2);

        // closing at market is not held back by the exits; once flat, exits left resting would open a short when they fired
        var close = await account.PlaceOrderAsync(TestOrders.Market("close", GrainsSilo.Btc, Side.Sell, 0.05m, reduceOnly: true));
        close.Error.ShouldBeNull();
        close.Order!.Request.Size.ShouldBe(Quantity.Of(0.05m));
        await silo.FillsAsync("closer", 2);

        (await account.GetRiskViewAsync()).Positions.ShouldBeEmpty();
        (await account.GetOpenOrdersAsync()).ShouldBeEmpty();
        (await account.GetOrderAsync(new ClientOrderId("tp")))!.Status.ShouldBe(OrderStatus.Cancelled);
        (await account.GetOrderAsync(new ClientOrderId("sl")))!.Status.ShouldBe(OrderStatus.Cancelled);
    }
}
