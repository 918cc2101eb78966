using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using PerpStudio.Testing;
using PerpStudio.Testing.Redis;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class DurabilityTests
{
    [Fact]
    public async Task A_transfer_interrupted_mid_way_is_completed_once_when_the_account_is_next_activated()
    {
        await using var silo = await GrainsSilo.StartAsync(flaky: true);
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await account.PlaceOrderAsync(TestOrders.Market("iso-open", GrainsSilo.Btc, Side.Buy, 0.05m, MarginMode.Isolated));
        await silo.FillsAsync("alice", 1);
        var marginBefore = (await silo.Isolated("alice", GrainsSilo.Btc).GetAsync()).Position.Margin;
        var collateralBefore = (await account.GetSummaryAsync()).Collateral;

        // the isolated position's store fails after the account recorded the transfer as pending
        silo.Flaky!.FailNextWriteOf("isolatedposition");
        await Should.ThrowAsync<IOException>(() => account.AddIsolatedMarginAsync(new IsolatedMarginChange("t1", GrainsSilo.Btc, Money.Of(400m))));
        await silo.Runtime.DeactivateAllAsync();

        // the next activation retries the pending transfer; the isolated side deduplicates by id
        var summary = await account.GetSummaryAsync();
        summary.Collateral.ShouldBe(collateralBefore - Money.Of(400m));
        (await silo.Isolated("alice", GrainsSilo.Btc).GetAsync()).Position.Margin.ShouldBe(marginBefore + Money.Of(400m));
        var retried = await account.AddIsolatedMarginAsync(new IsolatedMarginChange("t1", GrainsSilo.Btc, Money.Of(400m)));
        retried.Value.Duplicate.ShouldBeTrue();
        (await silo.Isolated("alice", GrainsSilo.Btc).GetAsync()).Position.Margin.ShouldBe(marginBefore + Money.Of(400m));
    }

    [Fact]
    public async Task Redis_acknowledged_operations_survive_dropping_every_activation_and_a_new_runtime()
    {
        await using var redis = await RedisServer.StartAsync();
        var clock = new ManualTimeProvider();
        AccountRiskView before;
        Page<LedgerEntry> ledgerBefore;
        FeeTotals feesBefore;
        await using (var silo = await GrainsSilo.StartAsync(redis.ConnectionString, clock: clock))
        {
            await silo.ConfigureAsync();
            var account = silo.Account("alice");
            await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
            await account.PlaceOrderAsync(TestOrders.Market("cross-1", GrainsSilo.Btc, Side.Buy, 0.05m));
            await account.PlaceOrderAsync(TestOrders.Market("iso-1", GrainsSilo.Eth, Side.Sell, 1m, MarginMode.Isolated, leverage: 5));
            await silo.FillsAsync("alice", 2);
            await account.AddIsolatedMarginAsync(new IsolatedMarginChange("t1", GrainsSilo.Eth, Money.Of(100m)));
            await account.PlaceOrderAsync(TestOrders.Limit("rest-1", GrainsSilo.Btc, Side.Buy, 0.01m, 90_000m));
            before = await account.GetRiskViewAsync();
            ledgerBefore = await account.GetLedgerAsync(new PageRequest(Limit: 500));
            feesBefore = await silo.Fees.GetTotalsAsync();
            await silo.Runtime.DeactivateAllAsync();
            var reloaded = await account.GetRiskViewAsync();
            reloaded.Summary.ShouldBe(before.Summary);
            reloaded.Positions.ToArray().ShouldBe(before.Positions.ToArray());
        }

        var exchange = new SimulatedExchange(SimulatedVenueOptions.Default(new VenueId("sim-a"), seed: 7), clock);
        await using var restarted = await GrainsSilo.StartAsync(redis.ConnectionString, clock: clock, exchange: exchange);
        var again = restarted.Account("alice");
        var after = await again.GetRiskViewAsync();
        after.Summary.ShouldBe(before.Summary);
        after.Positions.ToArray().ShouldBe(before.Positions.ToArray());
        (await again.GetLedgerAsync(new PageRequest(Limit: 500))).Items.ToArray().ShouldBe(ledgerBefore.Items.ToArray());
        (await restarted.Fees.GetTotalsAsync()).ShouldBe(feesBefore);
        (await again.GetOpenOrdersAsync()).ShouldHaveSingleItem().ClientOrderId.ShouldBe(new ClientOrderId("rest-1"));
        (await again.DepositAsync(new Deposit("d1", Money.Of(10_000m)))).Value.Duplicate.ShouldBeTrue();
        (await again.AddIsolatedMarginAsync(new IsolatedMarginChange("t1", GrainsSilo.Eth, Money.Of(100m)))).Value.Duplicate.ShouldBeTrue();
        (await restarted.Operator.GetConfigAsync()).Version.ShouldBe(1);
    }
}
