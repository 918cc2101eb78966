namespace PerpStudio.Api.Operators;

/// <summary>Looks up an operator's referral codes (case-insensitive, as traders type them).</summary>
public static class ReferralCodes
{
    /// <summary>True for 3..32 letters, digits, '-' or '_'.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: >= 3 and <= 32 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The entry of a code, or null.</summary>
    public static ReferralCodeEntry? Find(OperatorProfile profile, string code)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.ReferralCodes.FirstOrDefault(r => string.Equals(r.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the trader (lower-case address) holds one of the operator's codes, i.e. is a referrer.</summary>
    public static bool IsReferrer(OperatorProfile profile, string trader)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.ReferralCodes.Any(r => r.Referrer == trader);
    }
}
