using PerpStudio.Domain.Errors;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Accounts;

/// <summary>The trader's referrer (set once) and the rebates this account earns as a referrer.</summary>
public sealed partial class AccountGrain : IReferralAccountGrain
{
    /// <inheritdoc />
    public async Task<Result<ReferrerInfo>> SetReferrerAsync(ReferrerInfo referrer)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        if (string.IsNullOrWhiteSpace(referrer.ReferrerAccountKey))
        {
            return Refusals.Required("referrer");
        }

        if (string.IsNullOrWhiteSpace(referrer.Code))
        {
            return Refusals.Required("referral_code");
        }

        if (S.Referrer is { } current)
        {
            // a retried sign-in with the same referrer is not an error; a different one cannot replace it
            return current.ReferrerAccountKey == referrer.ReferrerAccountKey
                ? current
                : new DomainError(ErrorKind.FailedPrecondition, "referrer_already_set", "referral_code",
                    $"this trader was referred with code '{current.Code}' and a referrer is set once");
        }

        if (referrer.ReferrerAccountKey == Key)
        {
            return new DomainError(ErrorKind.InvalidArgument, "self_referral", "referral_code", "a trader cannot use their own referral code");
        }

        if (GrainKeys.ParseAccount(referrer.ReferrerAccountKey).OperatorId != OperatorId)
        {
            return new DomainError(ErrorKind.InvalidArgument, "referrer_of_another_operator", "referral_code", "the referrer is not a trader of this operator");
        }

        S = S with { Referrer = referrer };
        await SaveAsync();
        return referrer;
    }

    /// <inheritdoc />
    public Task<ReferrerInfo?> GetReferrerAsync() => Task.FromResult(S.Referrer);

    /// <inheritdoc />
    public async Task<bool> CreditReferralRebateAsync(ReferralRebate rebate)
    {
        ArgumentNullException.ThrowIfNull(rebate);
        var key = $"referral:{rebate.RebateId}";
        if (LedgerKeyBooked(key))
        {
            return false;
        }

        if (rebate.ReferrerAccountKey != Key || !rebate.Amount.IsPositive)
        {
            throw new ArgumentException($"rebate {rebate.RebateId} of {rebate.Amount} is not for account {Key}", nameof(rebate));
        }

        Book(key, LedgerEntryKind.ReferralRebate, rebate.Amount, rebate.Market, rebate.FillId);
        await SaveAsync();
        return true;
    }
}
