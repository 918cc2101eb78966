using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Operators;

public sealed class FeeTierAndReferralTests
{
    private static readonly FeeSchedule VenueFees = new(Rate.Of(0.00015m), Rate.Of(0.00045m));

    [Fact]
    public async Task A_trader_past_a_volume_tier_pays_the_tier_markup_on_the_next_fill()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync(c => c with
        {
            Fees = c.Fees with { VolumeTiers = [new VolumeTier(Money.Of(5_000m), Rate.Of(0.00005m), Rate.Of(0.00005m))] },
        });
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await account.PlaceOrderAsync(TestOrders.Market("buy-1", GrainsSilo.Btc, Side.Buy, 0.05m));
        var first = (await silo.FillsAsync("alice", 1)).Single();
        await account.PlaceOrderAsync(TestOrders.Market("buy-2", GrainsSilo.Btc, Side.Buy, 0.05m));
        var second = (await silo.FillsAsync("alice", 2))[1];

        var policy = await silo.Operator.GetPolicyAsync();
        var firstNotional = Exact.ToMoney(Exact.Notional(first.Size, first.Price), Rounding.Floor);
        firstNotional.ShouldBeGreaterThan(Money.Of(5_000m));
        first.Fee.ShouldBe(FeeModel.Charge(new FeeParameters(first.Size, first.Price, Liquidity.Taker, VenueFees, policy)).Value);
        second.Fee.ShouldBe(FeeModel.Charge(new FeeParameters(second.Size, second.Price, Liquidity.Taker, VenueFees, policy) { TrailingVolume = firstNotional }).Value);
        second.Fee.Total.ShouldBeLessThan(first.Fee.Total); // 0.005% markup instead of 0.02% on about the same notional

        var volume = await silo.Runtime.GetGrain<IReferralAccountGrain>(GrainKeys.Account(GrainsSilo.OperatorId, "alice")).GetTrailingVolumeAsync();
        volume.ShouldBe(firstNotional + Exact.ToMoney(Exact.Notional(second.Size, second.Price), Rounding.Floor));
    }

    [Fact]
    public async Task A_referred_trader_s_fill_credits_the_referrer_once_and_every_unit_is_accounted_for()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync(c => c with { Fees = c.Fees with { ReferralRebateShare = Rate.Of(0.5m) } });
        var bobKey = GrainKeys.Account(GrainsSilo.OperatorId, "bob");
        var alice = silo.Runtime.GetGrain<IReferralAccountGrain>(GrainKeys.Account(GrainsSilo.OperatorId, "alice"));
        (await alice.SetReferrerAsync(new ReferrerInfo(bobKey, "BOB-1", silo.Clock.GetUtcNow()))).IsSuccess.ShouldBeTrue();

        using var bobEvents = silo.Hub.Subscribe(bobKey, 0);
        await silo.Account("alice").DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await silo.Account("alice").PlaceOrderAsync(TestOrders.Market("buy-1", GrainsSilo.Btc, Side.Buy, 0.05m));
        var fill = (await silo.FillsAsync("alice", 1)).Single();
        fill.Fee.Referral.IsPositive.ShouldBeTrue();
        (fill.Fee.Venue + fill.Fee.Builder + fill.Fee.Platform + fill.Fee.Operator + fill.Fee.Referral).ShouldBe(fill.Fee.Total);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var credited = (MarginChanged)await NextAsync(bobEvents, e => e is MarginChanged m && m.Entry?.Kind == LedgerEntryKind.ReferralRebate, timeout.Token);
        credited.Entry!.Amount.ShouldBe(fill.Fee.Referral);
        credited.Entry.Reference.ShouldBe(fill.FillId);

        // delivered again (an outbox retried after a crash): booked once
        var rebate = new ReferralRebate($"{GrainKeys.Account(GrainsSilo.OperatorId, "alice")}:fill:{fill.FillId}", bobKey,
            GrainKeys.Account(GrainsSilo.OperatorId, "alice"), fill.FillId, fill.Market, fill.Fee.Referral);
        (await silo.Runtime.GetGrain<IReferralAccountGrain>(bobKey).CreditReferralRebateAsync(rebate)).ShouldBeFalse();
        var bobLedger = await silo.Account("bob").GetLedgerAsync(new PageRequest(Limit: 50));
        bobLedger.Items.ShouldHaveSingleItem().Amount.ShouldBe(fill.Fee.Referral);

        var totals = await silo.Fees.GetTotalsAsync();
        totals.Referral.ShouldBe(fill.Fee.Referral);
        var aliceCollateral = (await silo.Account("alice").GetSummaryAsync()).Collateral;
        var bobCollateral = (await silo.Account("bob").GetSummaryAsync()).Collateral;
        (aliceCollateral + bobCollateral + totals.Total).ShouldBe(Money.Of(10_000m));
    }

    [Fact]
    public async Task A_referrer_is_set_once_and_never_to_the_trader_itself()
    {
        await using var silo = await GrainsSilo.StartAsync();
        var aliceKey = GrainKeys.Account(GrainsSilo.OperatorId, "alice");
        var alice = silo.Runtime.GetGrain<IReferralAccountGrain>(aliceKey);
        var now = silo.Clock.GetUtcNow();

        var self = await alice.SetReferrerAsync(new ReferrerInfo(aliceKey, "ME", now));
        self.Error!.Code.ShouldBe("self_referral");
        (await alice.GetReferrerAsync()).ShouldBeNull();

        var other = await alice.SetReferrerAsync(new ReferrerInfo(GrainKeys.Account("op2", "bob"), "BOB", now));
        other.Error!.Code.ShouldBe("referrer_of_another_operator");

        var bob = new ReferrerInfo(GrainKeys.Account(GrainsSilo.OperatorId, "bob"), "BOB", now);
        (await alice.SetReferrerAsync(bob)).Value.ShouldBe(bob);
        (await alice.SetReferrerAsync(bob with { SetAt = now.AddMinutes(1) })).Value.ShouldBe(bob); // a retried sign-in
        var carol = await alice.SetReferrerAsync(new ReferrerInfo(GrainKeys.Account(GrainsSilo.OperatorId, "carol"), "CAROL", now));
        carol.Error!.Code.ShouldBe("referrer_already_set");
        carol.Error.Kind.ShouldBe(ErrorKind.FailedPrecondition);
        (await alice.GetReferrerAsync()).ShouldBe(bob);
    }

    private static async Task<AccountEvent> NextAsync(AccountEventSubscription subscription, Func<AccountEvent, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            var e = await subscription.Reader.ReadAsync(cancellationToken);
            if (match(e))
            {
                return e;
            }
        }
    }
}
