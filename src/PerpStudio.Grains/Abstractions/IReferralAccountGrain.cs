using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// An account's referral side and fee-tier volume (key: the account key, the same grain as <see cref="IAccountGrain"/>).
/// A trader's referrer is set once; a referred trader's fills credit the referrer's ledger with a rebate, once per fill.
/// Referral is one level deep (a referrer has no referrer, the API keeps it so), so a rebate call never cycles back.
/// </summary>
public interface IReferralAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets the trader's referrer. Setting the same referrer again is accepted (a retried sign-in); another one is
    /// refused with FAILED_PRECONDITION <c>referrer_already_set</c>; the trader's own account with INVALID_ARGUMENT
    /// <c>self_referral</c>.
    /// </summary>
    Task<Result<ReferrerInfo>> SetReferrerAsync(ReferrerInfo referrer);

    /// <summary>The trader's referrer, or null.</summary>
    Task<ReferrerInfo?> GetReferrerAsync();

    /// <summary>Books a rebate on this (the referrer's) ledger under its id; a repeat books nothing. True when booked now.</summary>
    Task<bool> CreditReferralRebateAsync(ReferralRebate rebate);

    /// <summary>The trader's traded notional over the trailing 30 days (what picks the fee tier).</summary>
    Task<Money> GetTrailingVolumeAsync();
}

/// <summary>Who referred a trader, and with which code.</summary>
/// <param name="ReferrerAccountKey">The referrer's account key (same operator).</param>
/// <param name="Code">The referral code used.</param>
/// <param name="SetAt">When it was set.</param>
public sealed record ReferrerInfo(string ReferrerAccountKey, string Code, DateTimeOffset SetAt);

/// <summary>A rebate owed to a referrer for one fill of a referred trader.</summary>
/// <param name="RebateId">The idempotency key: the referred account and the fill id.</param>
/// <param name="ReferrerAccountKey">Who receives it.</param>
/// <param name="FromAccountKey">The referred trader's account.</param>
/// <param name="FillId">The fill it was earned on.</param>
/// <param name="Market">The fill's market.</param>
/// <param name="Amount">The rebate (positive).</param>
public sealed record ReferralRebate(string RebateId, string ReferrerAccountKey, string FromAccountKey, string FillId, MarketId Market, Money Amount);
