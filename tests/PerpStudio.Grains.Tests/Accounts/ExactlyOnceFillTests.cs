using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class ExactlyOnceFillTests
{
    private static AccountFill Fill(string id, string cloid, decimal size, decimal price) =>
        new(id, new ClientOrderId(cloid), GrainsSilo.Btc, Side.Buy, Price.Of(price), Quantity.Of(size), Liquidity.Maker,
            new FeeSchedule(Rate.Of(0.00015m), Rate.Of(0.00045m)), "sim-a", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Duplicated_and_reordered_fills_leave_the_account_as_one_ordered_delivery_does()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var fills = new[] { Fill("F1", "o1", 0.03m, 90_000m), Fill("F2", "o1", 0.05m, 89_990m), Fill("F3", "o1", 0.02m, 89_980m) };

        var inOrder = silo.Account("ordered");
        var shuffled = silo.Account("shuffled");
        foreach (var account in new[] { inOrder, shuffled })
        {
            await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
            (await account.PlaceOrderAsync(TestOrders.Limit("o1", GrainsSilo.Btc, Side.Buy, 0.1m, 90_000m))).Order!.Status.ShouldBe(OrderStatus.Open);
        }

        foreach (var f in fills)
        {
            (await inOrder.ApplyFillAsync(f)).Duplicate.ShouldBeFalse();
        }

        var outcomes = new List<FillOutcome>();
        foreach (var f in new[] { fills[2], fills[0], fills[2], fills[1], fills[0], fills[1] })
        {
            outcomes.Add(await shuffled.ApplyFillAsync(f));
        }

        outcomes.Count(o => o.Duplicate).ShouldBe(3);
        outcomes.Where(o => o.Duplicate).ShouldAllBe(o => o.Fill != null);

        var a = await inOrder.GetRiskViewAsync();
        var b = await shuffled.GetRiskViewAsync();
        b.Positions.Single().Size.ShouldBe(Quantity.Of(0.1m));
        b.Positions.Single().EntryPrice.ShouldBe(a.Positions.Single().EntryPrice);
        b.Summary.Collateral.ShouldBe(a.Summary.Collateral);
        b.Summary.Reserved.ShouldBe(Money.Zero);
        (await shuffled.GetFillsAsync(new PageRequest())).Items.Length.ShouldBe(3);
        (await shuffled.GetOrderAsync(new ClientOrderId("o1")))!.Status.ShouldBe(OrderStatus.Filled);
        (await silo.Fees.GetTotalsAsync()).Credits.ShouldBe(6); // three fills for each of the two accounts, each once
    }

    [Fact]
    public async Task A_fill_for_an_order_the_account_never_placed_is_refused_and_changes_nothing()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(1_000m)));
        var outcome = await account.ApplyFillAsync(Fill("F9", "nobody", 0.01m, 90_000m));
        outcome.Error!.Code.ShouldBe("unknown_order");
        (await account.GetSummaryAsync()).Collateral.ShouldBe(Money.Of(1_000m));
        (await account.GetFillsAsync(new PageRequest())).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_partial_fill_consumes_its_share_of_the_reservation_and_a_cancel_releases_the_rest()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        var placed = await account.PlaceOrderAsync(TestOrders.Limit("o1", GrainsSilo.Btc, Side.Buy, 0.1m, 90_000m));
        var reserved = placed.Order!.Reserved;
        await account.ApplyFillAsync(Fill("F1", "o1", 0.04m, 90_000m));
        var order = await account.GetOrderAsync(new ClientOrderId("o1"));
        order!.Status.ShouldBe(OrderStatus.PartiallyFilled);
        order.Reserved.ShouldBe(new Money(reserved.Units - (reserved.Units * 4 / 10)));
        (await account.CancelOrderByClientIdAsync(new ClientOrderId("o1"))).Order!.Reserved.ShouldBe(Money.Zero);
        (await account.GetSummaryAsync()).Reserved.ShouldBe(Money.Zero);
    }
}
