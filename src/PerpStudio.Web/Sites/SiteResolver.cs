using PerpStudio.Api.Operators;
using PerpStudio.Api.Tenancy;
using PerpStudio.Runtime;

namespace PerpStudio.Web.Sites;

/// <summary>
/// Finds the operator of a host name (subdomain of the platform domain or custom domain) through the API's tenancy,
/// and reads the branding its pages wear. Branding is what every visitor of the site sees, signed in or not.
/// </summary>
public sealed class SiteResolver(IOperatorResolver resolver, IGrainFactory grains)
{
    /// <summary>The operator serving <paramref name="host"/>, or null when none does.</summary>
    public async Task<OperatorSite?> ResolveAsync(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var operatorId = await resolver.ResolveByHostAsync(host);
        return operatorId is null ? null : await ReadAsync(operatorId);
    }

    /// <summary>The site of a known operator, or null when it has no profile.</summary>
    public async Task<OperatorSite?> ReadAsync(string operatorId)
    {
        var profile = await grains.GetGrain<IOperatorProfileGrain>(operatorId).GetAsync();
        return profile is null ? null : new OperatorSite(operatorId, profile.Branding, profile.Features, profile.Version);
    }
}
