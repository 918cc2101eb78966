using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Accounts;
using PerpStudio.Grains.Tests.Support;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;
using PerpStudio.Testing.Redis;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class AccountHistoryTests
{
    private const int Page = AccountPaging.PageSize;

    private static AccountFill Fill(string id, string cloid, decimal size, decimal price) =>
        new(id, new ClientOrderId(cloid), GrainsSilo.Btc, Side.Buy, Price.Of(price), Quantity.Of(size), Liquidity.Maker,
            new FeeSchedule(Rate.Of(0.00015m), Rate.Of(0.00045m)), "sim-a", DateTimeOffset.UnixEpoch);

    private static async Task<(AccountState State, int Bytes)> StoredStateAsync(GrainsSilo silo, string trader)
    {
        var handle = silo.Services.GetRequiredService<PersistentStateFactory>()
            .Create<AccountState>(new GrainId("account", GrainKeys.Account(GrainsSilo.OperatorId, trader)), "account", GrainKeys.Storage);
        await handle.ReadStateAsync();
        return (handle.State, silo.Services.GetRequiredService<GrainStateSerializer>().Serialize(handle.State).Length);
    }

    [Fact]
    public async Task The_stored_state_stays_bounded_over_a_long_place_and_cancel_run()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("busy");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        var sizes = new Dictionary<int, int>();
        for (var i = 1; i <= 20 * Page; i++)
        {
            (await account.PlaceOrderAsync(TestOrders.Limit($"o{i}", GrainsSilo.Btc, Side.Buy, 0.01m, 80_000m))).Order!.Status.ShouldBe(OrderStatus.Open);
            (await account.CancelOrderByClientIdAsync(new ClientOrderId($"o{i}"))).Order!.Status.ShouldBe(OrderStatus.Cancelled);
            if (i % (5 * Page) == 0)
            {
                var (state, bytes) = await StoredStateAsync(silo, "busy");
                state.Orders.Count.ShouldBeLessThan(2 * AccountPaging.OrderPageSize);
                state.OrderIds.Count.ShouldBe(state.Orders.Count);
                sizes[i] = bytes;
            }
        }

        // four times the orders, the same size of state (give or take the digits of larger numbers)
        sizes[20 * Page].ShouldBeLessThan(sizes[5 * Page] + 1_024);
        (await StoredStateAsync(silo, "busy")).State.History.OrderPages.ShouldBeGreaterThan(15);
    }

    [Fact]
    public async Task Archived_orders_answer_lookups_retries_and_cancels_as_before_and_their_client_ids_stay_spent()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        (await account.PlaceOrderAsync(TestOrders.Limit("first", GrainsSilo.Btc, Side.Buy, 0.01m, 80_000m))).Order.ShouldNotBeNull();
        var cancelled = (await account.CancelOrderByClientIdAsync(new ClientOrderId("first"))).Order!;
        for (var i = 1; i <= 3 * Page; i++)
        {
            await account.PlaceOrderAsync(TestOrders.Limit($"o{i}", GrainsSilo.Btc, Side.Buy, 0.01m, 80_000m));
            await account.CancelOrderByClientIdAsync(new ClientOrderId($"o{i}"));
        }

        (await StoredStateAsync(silo, "alice")).State.Orders.ContainsKey(cancelled.OrderId).ShouldBeFalse();
        (await account.GetOrderAsync(new ClientOrderId("first"))).ShouldBe(cancelled);

        var retry = await account.PlaceOrderAsync(TestOrders.Limit("first", GrainsSilo.Btc, Side.Sell, 5m, 120_000m));
        retry.Duplicate.ShouldBeTrue();
        retry.Order.ShouldBe(cancelled);
        var again = await account.CancelOrderAsync(cancelled.OrderId);
        again.Error!.Code.ShouldBe("order_not_open");
        var modify = await account.ModifyOrderAsync(new OrderModification(new ClientOrderId("first"), Price.Of(81_000m), null));
        modify.Error!.Code.ShouldBe("order_not_modifiable");
        (await account.GetOpenOrdersAsync()).ShouldBeEmpty();
        (await account.GetSummaryAsync()).Reserved.ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task Fills_and_ledger_read_in_pages_exactly_as_one_list_of_everything_would()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("filler");
        await account.DepositAsync(new Deposit("d1", Money.Of(50_000m)));
        (await account.PlaceOrderAsync(TestOrders.Limit("big", GrainsSilo.Btc, Side.Buy, 0.1m, 90_000m))).Order!.Status.ShouldBe(OrderStatus.Open);
        var count = 3 * Page + 5;
        for (var i = 1; i <= count; i++)
        {
            (await account.ApplyFillAsync(Fill($"F{i}", "big", 0.0005m, 90_000m - i))).Fill!.Sequence.ShouldBe(i);
        }

        var stored = (await StoredStateAsync(silo, "filler")).State;
        stored.Fills.Count.ShouldBeLessThanOrEqualTo(Page);
        stored.AppliedFills.Count.ShouldBeLessThanOrEqualTo(Page);
        stored.Ledger.Entries.Count.ShouldBeLessThanOrEqualTo(Page);

        var fills = await ReadAllAsync(account.GetFillsAsync, 7);
        fills.Select(f => f.Sequence).ShouldBe(Enumerable.Range(1, count).Reverse().Select(i => (long)i));
        fills.Select(f => f.FillId).ShouldBe(Enumerable.Range(1, count).Reverse().Select(i => $"F{i}"));
        var ledger = await ReadAllAsync(account.GetLedgerAsync, 11);
        ledger.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, ledger.Count).Reverse().Select(i => (long)i));
        ledger.Sum(e => e.Amount.Units).ShouldBe((await account.GetSummaryAsync()).Collateral.Units);
        ledger[^1].Key.ShouldBe("deposit:d1");
        (await account.DepositAsync(new Deposit("d1", Money.Of(50_000m)))).Value.Duplicate.ShouldBeTrue();
    }

    [Fact]
    public async Task Redis_a_fill_applied_long_ago_is_refused_as_a_repeat_after_paging_and_after_a_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        var count = 2 * Page + 3;
        Money collateral;
        IReadOnlyList<FillView> fills;
        await using (var silo = await GrainsSilo.StartAsync(redis.ConnectionString))
        {
            await silo.ConfigureAsync();
            var account = silo.Account("bob");
            await account.DepositAsync(new Deposit("d1", Money.Of(50_000m)));
            await account.PlaceOrderAsync(TestOrders.Limit("big", GrainsSilo.Btc, Side.Buy, 0.1m, 90_000m));
            for (var i = 1; i <= count; i++)
            {
                await account.ApplyFillAsync(Fill($"F{i}", "big", 0.0005m, 90_000m));
            }

            collateral = (await account.GetSummaryAsync()).Collateral;
            var replay = await account.ApplyFillAsync(Fill("F1", "big", 0.0005m, 90_000m));
            replay.Duplicate.ShouldBeTrue();
            replay.Fill!.Sequence.ShouldBe(1);
            fills = await ReadAllAsync(account.GetFillsAsync, 50);
            await silo.Runtime.DeactivateAllAsync();
        }

        await using var restarted = await GrainsSilo.StartAsync(redis.ConnectionString);
        var again = restarted.Account("bob");
        foreach (var id in new[] { "F1", $"F{Page}", $"F{count}" })
        {
            var replay = await again.ApplyFillAsync(Fill(id, "big", 0.0005m, 90_000m));
            replay.Duplicate.ShouldBeTrue();
            replay.Fill!.FillId.ShouldBe(id);
        }

        (await again.GetSummaryAsync()).Collateral.ShouldBe(collateral);
        (await ReadAllAsync(again.GetFillsAsync, 50)).ShouldBe(fills);
        var retry = await again.PlaceOrderAsync(TestOrders.Limit("big", GrainsSilo.Btc, Side.Buy, 0.1m, 90_000m));
        retry.Duplicate.ShouldBeTrue();
        retry.Order!.FilledSize.ShouldBe(Quantity.Of(0.0005m * count));
    }

    [Fact]
    public void History_paging_matches_paging_one_list_for_every_split_and_cursor()
    {
        var gen = from pageSize in Gen.Choose(1, 6)
                  from total in Gen.Choose(0, 60)
                  from pages in Gen.Choose(0, total / pageSize)
                  from before in Gen.Choose(-1, 70)
                  from limit in Gen.Choose(0, 20)
                  select (pageSize, total, pages, before, limit);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (pageSize, total, pages, before, limit) = input;
            var all = Enumerable.Range(1, total).Select(i => (long)i).ToImmutableList();
            var request = new PageRequest(before < 0 ? null : before, limit);
            var expected = Ledger.Paging.NewestFirst(all, request, x => x);
            var pagedOut = pages * pageSize;
            var actual = HistoryPaging.NewestFirstAsync(request, all.RemoveRange(0, pagedOut), pagedOut, pageSize,
                n => Task.FromResult(all.GetRange((n - 1) * pageSize, pageSize).ToImmutableArray())).GetAwaiter().GetResult();
            actual.Items.ShouldBe(expected.Items);
            actual.NextBefore.ShouldBe(expected.NextBefore);
        }));
    }

    private static async Task<List<T>> ReadAllAsync<T>(Func<PageRequest, Task<Page<T>>> read, int limit)
    {
        var all = new List<T>();
        long? before = null;
        do
        {
            var page = await read(new PageRequest(before, limit));
            all.AddRange(page.Items);
            before = page.NextBefore;
        }
        while (before is not null);
        return all;
    }
}
