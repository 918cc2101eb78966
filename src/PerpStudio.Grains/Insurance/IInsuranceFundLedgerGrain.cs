using System.Collections.Immutable;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Insurance;

/// <summary>
/// The insurance fund's credits and statement (key: operatorId), beside <see cref="Abstractions.IInsuranceFundGrain"/>
/// which the accounts call: both are served by one activation of <see cref="InsuranceFundGrain"/>.
/// </summary>
public interface IInsuranceFundLedgerGrain : IGrainWithStringKey
{
    /// <summary>Credits the fund (an operator's top-up, what a liquidation leaves to it), once per <see cref="FundCredit.CreditId"/>.</summary>
    Task<Result<FundReceipt>> CreditAsync(FundCredit credit);

    /// <summary>The balance and every entry, oldest first.</summary>
    Task<FundStatement> GetStatementAsync();
}

/// <summary>Money into the fund.</summary>
/// <param name="CreditId">The idempotency key.</param>
/// <param name="Source">What it is ("top-up", "liquidation"...), recorded on the entry.</param>
/// <param name="Amount">Positive.</param>
/// <param name="Market">The market it came from, if any.</param>
public sealed record FundCredit(string CreditId, string Source, Money Amount, MarketId? Market = null);

/// <summary>A credit applied.</summary>
/// <param name="CreditId">The credit.</param>
/// <param name="FundBalance">The fund after it.</param>
/// <param name="Duplicate">True when already applied.</param>
public sealed record FundReceipt(string CreditId, Money FundBalance, bool Duplicate);

/// <summary>One movement of the fund.</summary>
/// <param name="Sequence">1, 2, ...</param>
/// <param name="Key">The claim or credit id.</param>
/// <param name="Amount">Signed: positive in, negative out.</param>
/// <param name="BalanceAfter">The fund after it.</param>
/// <param name="Source">"bad-debt" or the credit's source.</param>
/// <param name="Market">The market, if any.</param>
public sealed record FundEntry(long Sequence, string Key, Money Amount, Money BalanceAfter, string Source, MarketId? Market);

/// <summary>The fund now.</summary>
/// <param name="Balance">Credits minus covers; negative when bad debt exceeded it.</param>
/// <param name="Entries">Every movement, oldest first; their amounts sum to the balance.</param>
public sealed record FundStatement(Money Balance, ImmutableArray<FundEntry> Entries);
