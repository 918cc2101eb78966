using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// The fees an operator's traders paid (key: operatorId), split venue / builder / platform / operator. Accounts send
/// credits from an outbox numbered per account, so a credit retried after a crash is counted once.
/// </summary>
public interface IFeeCollectorGrain : IGrainWithStringKey
{
    /// <summary>Counts a credit unless one with the same or a higher <see cref="FeeCredit.Sequence"/> from its account was counted.</summary>
    Task<FeeTotals> CreditAsync(FeeCredit credit);

    /// <summary>The totals so far.</summary>
    Task<FeeTotals> GetTotalsAsync();
}

/// <summary>A fee paid on one fill.</summary>
/// <param name="AccountKey">The paying account.</param>
/// <param name="Sequence">The account's outbox number: strictly increasing per account.</param>
/// <param name="FillId">The fill the fee was charged on.</param>
/// <param name="Venue">Owed to the venue.</param>
/// <param name="Builder">To the frontend builder.</param>
/// <param name="Platform">The platform's share of the markup.</param>
/// <param name="Operator">The operator's share of the markup.</param>
public sealed record FeeCredit(string AccountKey, long Sequence, string FillId, Money Venue, Money Builder, Money Platform, Money Operator)
{
    /// <summary>The whole fee.</summary>
    public Money Total => Venue + Builder + Platform + Operator;
}

/// <summary>Fees collected for an operator, by recipient.</summary>
/// <param name="Venue">Owed to venues.</param>
/// <param name="Builder">Owed to builders.</param>
/// <param name="Platform">The platform's revenue.</param>
/// <param name="Operator">The operator's revenue.</param>
/// <param name="Credits">How many fills paid fees.</param>
public sealed record FeeTotals(Money Venue, Money Builder, Money Platform, Money Operator, long Credits)
{
    /// <summary>Nothing collected.</summary>
    public static readonly FeeTotals Zero = new(Money.Zero, Money.Zero, Money.Zero, Money.Zero, 0);

    /// <summary>Every fee collected: what invariant 1 counts as "fees collected".</summary>
    public Money Total => Venue + Builder + Platform + Operator;
}
