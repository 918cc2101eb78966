using System.Collections.Immutable;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Insurance;

/// <summary>An insurance fund's stored state: every entry, each key once.</summary>
public sealed record InsuranceFundState
{
    /// <summary>The balance.</summary>
    public Money Balance { get; init; }

    /// <summary>Every movement, oldest first.</summary>
    public ImmutableList<FundEntry> Entries { get; init; } = [];

    /// <summary>Keys already applied.</summary>
    public ImmutableHashSet<string> Keys { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
}

/// <summary>
/// An operator's insurance fund (key: operatorId): credited by top-ups and what liquidations leave to it, debited by
/// bad debt, each movement once by its id. It calls no grain (accounts call it); when bad debt takes it below zero,
/// the liquidation engine (a plain service) auto-deleverages.
/// </summary>
public sealed class InsuranceFundGrain(
    [PersistentState("insurance", GrainKeys.Storage)] IPersistentState<InsuranceFundState> state,
    RiskInstruments instruments) : Grain, IInsuranceFundGrain, IInsuranceFundLedgerGrain
{
    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        instruments.FundBalance(this.GetPrimaryKeyString(), state.State.Balance.Units);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<BadDebtCover> CoverBadDebtAsync(BadDebtClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrEmpty(claim.ClaimId);
        if (state.State.Keys.Contains(claim.ClaimId))
        {
            return new BadDebtCover(claim.ClaimId, state.State.Balance, true);
        }

        if (!claim.Amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(claim), claim.Amount, "a bad-debt claim must be positive");
        }

        await BookAsync(claim.ClaimId, -claim.Amount, "bad-debt", claim.Market);
        return new BadDebtCover(claim.ClaimId, state.State.Balance, false);
    }

    /// <inheritdoc />
    public async Task<Result<FundReceipt>> CreditAsync(FundCredit credit)
    {
        if (credit is null || string.IsNullOrEmpty(credit.CreditId))
        {
            return Refusals.Required("credit_id");
        }

        if (state.State.Keys.Contains(credit.CreditId))
        {
            return new FundReceipt(credit.CreditId, state.State.Balance, true);
        }

        if (!credit.Amount.IsPositive)
        {
            return Refusals.NotPositive("amount", credit.Amount.ToString());
        }

        await BookAsync(credit.CreditId, credit.Amount, string.IsNullOrWhiteSpace(credit.Source) ? "credit" : credit.Source, credit.Market);
        return new FundReceipt(credit.CreditId, state.State.Balance, false);
    }

    /// <inheritdoc />
    public Task<FundStatement> GetStatementAsync() => Task.FromResult(new FundStatement(state.State.Balance, [.. state.State.Entries]));

    private async Task BookAsync(string key, Money amount, string source, MarketId? market)
    {
        var s = state.State;
        var balance = s.Balance + amount;
        state.State = new InsuranceFundState
        {
            Balance = balance,
            Entries = s.Entries.Add(new FundEntry(s.Entries.Count + 1, key, amount, balance, source, market)),
            Keys = s.Keys.Add(key),
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // not stored, not applied: the caller retries with the same key
            state.State = s;
            throw;
        }

        instruments.FundBalance(this.GetPrimaryKeyString(), balance.Units);
    }
}
