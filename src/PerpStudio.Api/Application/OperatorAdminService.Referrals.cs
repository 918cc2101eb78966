using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Api.Application;

/// <summary>Referral codes: unique, and held only by traders who have no referrer themselves (referral is one level deep).</summary>
public sealed partial class OperatorAdminService
{
    private async Task CheckReferralCodesAsync(string operatorId, IReadOnlyList<ReferralCodeEntry> codes)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i];
            if (!ReferralCodes.IsWellFormed(code.Code))
            {
                throw new ApiException(ApiError.Invalid($"referral_codes[{i}].code", "referral_code_invalid", "a referral code is 3..32 letters, digits, '-' or '_'"));
            }

            if (!seen.Add(code.Code))
            {
                throw new ApiException(ApiError.Invalid($"referral_codes[{i}].code", "referral_code_duplicate", $"referral code '{code.Code}' is listed twice (codes ignore case)"));
            }

            // a referrer with a referrer would make rebates flow in chains, and chains can close into cycles
            var referrer = await grains.GetGrain<IReferralAccountGrain>(GrainKeys.Account(operatorId, code.Referrer)).GetReferrerAsync();
            if (referrer is not null)
            {
                throw new ApiException(ApiError.Invalid($"referral_codes[{i}].referrer_address", "referrer_is_referred",
                    $"{code.Referrer} was referred with code '{referrer.Code}': a referred trader cannot hold a referral code"));
            }
        }
    }
}
