using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class AccountEventTests
{
    [Fact]
    public async Task Events_are_numbered_per_account_without_gaps_and_a_subscriber_resumes_after_a_sequence()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await account.PlaceOrderAsync(TestOrders.Market("buy-1", GrainsSilo.Btc, Side.Buy, 0.05m));
        await silo.FillsAsync("alice", 1);

        var key = GrainKeys.Account(GrainsSilo.OperatorId, "alice");
        var history = silo.Hub.Recent(key);
        history.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, history.Length).Select(i => (long)i));
        history.OfType<OrderChanged>().ShouldNotBeEmpty();
        history.OfType<FillApplied>().ShouldHaveSingleItem();
        history.OfType<PositionChanged>().ShouldNotBeEmpty();
        history.OfType<MarginChanged>().First().Entry!.Kind.ShouldBe(LedgerEntryKind.Deposit);
        (await account.GetSummaryAsync()).EventSequence.ShouldBe(history[^1].Sequence);

        using var resumed = silo.Hub.Subscribe(key, afterSequence: 3);
        resumed.Complete.ShouldBeTrue();
        (await resumed.Reader.ReadAsync()).Sequence.ShouldBe(4);
        await account.DepositAsync(new Deposit("d2", Money.Of(1m)));
        var last = history[^1].Sequence;
        AccountEvent live;
        do
        {
            live = await resumed.Reader.ReadAsync();
        }
        while (live.Sequence <= last);
        live.ShouldBeOfType<MarginChanged>().Entry!.Reference.ShouldBe("d2");
    }

    [Fact]
    public void A_subscriber_behind_the_bounded_history_is_told_its_feed_is_incomplete()
    {
        var hub = new AccountEventHub(historyPerAccount: 2);
        for (var i = 1; i <= 5; i++)
        {
            hub.Publish(new MarginChanged("op1/alice", i, DateTimeOffset.UnixEpoch, null, Money.Zero, Money.Zero, Money.Zero));
        }

        using var behind = hub.Subscribe("op1/alice", afterSequence: 1);
        behind.Complete.ShouldBeFalse();
        using var caughtUp = hub.Subscribe("op1/alice", afterSequence: 3);
        caughtUp.Complete.ShouldBeTrue();
        hub.Recent("op1/alice").Select(e => e.Sequence).ShouldBe([4L, 5L]);
        hub.Recent("op1/bob").ShouldBeEmpty();
    }
}
