using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class CollateralTests
{
    [Fact]
    public async Task A_retried_deposit_is_credited_once_and_answers_with_the_first_entry()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        var first = await account.DepositAsync(new Deposit("d1", Money.Of(1_000m)));
        var again = await account.DepositAsync(new Deposit("d1", Money.Of(1_000m)));
        again.Value.Duplicate.ShouldBeTrue();
        again.Value.Entry.ShouldBe(first.Value.Entry);
        (await account.GetSummaryAsync()).Collateral.ShouldBe(Money.Of(1_000m));
    }

    [Fact]
    public async Task A_withdrawal_beyond_withdrawable_is_refused_with_the_domain_code_and_a_retry_debits_once()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(500m)));
        var tooMuch = await account.WithdrawAsync(new Withdrawal("w1", Money.Of(500.01m)));
        tooMuch.Error!.Code.ShouldBe("transfer_exceeds_floor");
        (await account.WithdrawAsync(new Withdrawal("w2", Money.Of(200m)))).IsSuccess.ShouldBeTrue();
        (await account.WithdrawAsync(new Withdrawal("w2", Money.Of(200m)))).Value.Duplicate.ShouldBeTrue();
        (await account.GetSummaryAsync()).Collateral.ShouldBe(Money.Of(300m));
    }

    [Fact]
    public async Task Demo_deposits_are_refused_unless_the_operator_allows_them()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync(c => c with { DemoDeposits = false });
        var refused = await silo.Account("alice").DepositAsync(new Deposit("demo1", Money.Of(10m), Demo: true));
        refused.Error!.Code.ShouldBe("demo_deposits_disabled");
        (await silo.Account("alice").GetLedgerAsync(new PageRequest())).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_non_positive_deposit_is_refused_and_changes_nothing()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var refused = await silo.Account("alice").DepositAsync(new Deposit("d0", Money.Zero));
        refused.Error!.Kind.ShouldBe(ErrorKind.InvalidArgument);
        refused.Error.Field.ShouldBe("amount");
        (await silo.Account("alice").GetSummaryAsync()).Collateral.ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task The_statement_pages_newest_first_and_its_entries_sum_to_the_collateral()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        for (var i = 1; i <= 7; i++)
        {
            await account.DepositAsync(new Deposit($"d{i}", Money.Of(i * 10m)));
        }

        await account.WithdrawAsync(new Withdrawal("w1", Money.Of(25m)));
        var first = await account.GetLedgerAsync(new PageRequest(Limit: 5));
        first.Items.Select(e => e.Sequence).ShouldBe([8L, 7, 6, 5, 4]);
        var second = await account.GetLedgerAsync(new PageRequest(first.NextBefore, 5));
        second.Items.Select(e => e.Sequence).ShouldBe([3L, 2, 1]);
        second.NextBefore.ShouldBeNull();
        var sum = first.Items.Concat(second.Items).Aggregate(Money.Zero, (s, e) => s + e.Amount);
        sum.ShouldBe((await account.GetSummaryAsync()).Collateral);
        sum.ShouldBe(Money.Of(255m));
    }
}
