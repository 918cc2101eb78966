using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Operators;

public sealed class RevenueAndReferralDurabilityTests
{
    [Fact]
    public async Task Revenue_rows_volume_and_the_referrer_come_back_from_storage_after_deactivation()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var aliceKey = GrainKeys.Account(GrainsSilo.OperatorId, "alice");
        var alice = silo.Runtime.GetGrain<IReferralAccountGrain>(aliceKey);
        var referrer = new ReferrerInfo(GrainKeys.Account(GrainsSilo.OperatorId, "bob"), "BOB", silo.Clock.GetUtcNow());
        await alice.SetReferrerAsync(referrer);
        await silo.Account("alice").DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await silo.Account("alice").PlaceOrderAsync(TestOrders.Market("buy-1", GrainsSilo.Btc, Side.Buy, 0.05m));
        await silo.FillsAsync("alice", 1);
        await silo.Fees.CreditAsync(new FeeCredit("other", 1, "x", Money.Of(1m), Money.Zero, Money.Zero, Money.Of(2m))
        {
            Market = new MarketId("ETH-USD"), Time = silo.Clock.GetUtcNow(), Notional = Money.Of(100m),
        });

        var report = await silo.Fees.GetRevenueReportAsync(RevenueQuery.All);
        var volume = await alice.GetTrailingVolumeAsync();
        report.Rows.Length.ShouldBe(2);
        volume.IsPositive.ShouldBeTrue();

        await silo.Runtime.DeactivateAllAsync();

        var reloaded = await silo.Fees.GetRevenueReportAsync(RevenueQuery.All);
        reloaded.Rows.ShouldBe(report.Rows);
        reloaded.Totals.ShouldBe(report.Totals);
        (await alice.GetTrailingVolumeAsync()).ShouldBe(volume);
        (await alice.GetReferrerAsync()).ShouldBe(referrer);
    }
}
