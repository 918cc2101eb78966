using PerpStudio.Api.Errors;

namespace PerpStudio.Api.Operators;

/// <summary>
/// Refuses a sign-in from a region the operator blocks. The region is the ISO 3166-1 alpha-2 code a trusted edge puts in
/// a header (Cloudflare's <c>CF-IPCountry</c> by default); no header, a malformed value, or the edge's own "unknown"
/// codes (<c>XX</c>, Tor's <c>T1</c>) count as unknown, allowed unless the operator blocks unknown regions.
/// </summary>
public static class RegionGate
{
    /// <summary>The region as a code, or null when unknown.</summary>
    public static string? Normalize(string? header)
    {
        var code = header?.Trim().ToUpperInvariant();
        return code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && code is not ("XX" or "T1") ? code : null;
    }

    /// <summary>Throws PERMISSION_DENIED <c>region_blocked</c> when the profile blocks the region.</summary>
    public static void Check(OperatorProfile profile, string? regionHeader)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var region = Normalize(regionHeader);
        if (region is null)
        {
            if (profile.BlockUnknownRegion)
            {
                throw new ApiException(ApiError.Denied("region_blocked", "this exchange cannot tell where you are connecting from, and it only serves known regions"));
            }

            return;
        }

        if (profile.BlockedRegions.Contains(region))
        {
            throw new ApiException(ApiError.Denied("region_blocked", $"this exchange is not available in your region ({region})"));
        }
    }
}
