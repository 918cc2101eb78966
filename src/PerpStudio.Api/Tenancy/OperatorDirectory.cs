using Microsoft.Extensions.Options;
using PerpStudio.Api.Operators;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Tenancy;

/// <summary>
/// Resolves operators through the <see cref="IOperatorDomainGrain"/> of each host name (subdomains of the platform
/// domain and custom domains are both claimed there when set) and the <see cref="IOperatorProfileGrain"/>.
/// </summary>
public sealed class OperatorDirectory(IGrainFactory grains, IOptions<PerpStudioApiOptions> options) : IOperatorResolver
{
    /// <inheritdoc />
    public async Task<string?> ResolveByHostAsync(string host)
    {
        var normalized = NormalizeHost(host);
        if (normalized is null)
        {
            return null;
        }

        var owner = await grains.GetGrain<IOperatorDomainGrain>(normalized).GetOwnerAsync();
        return owner is not null && await ExistsAsync(owner) ? owner : null;
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string operatorId) =>
        OperatorIds.IsValid(operatorId) && await grains.GetGrain<IOperatorProfileGrain>(operatorId).GetAsync() is not null;

    /// <summary>The host an operator's subdomain is served at.</summary>
    public string SubdomainHost(string subdomain) => $"{subdomain}.{options.Value.PlatformDomain}".ToLowerInvariant();

    /// <summary>A host without port, lower case; null when it is not a plausible host name.</summary>
    public static string? NormalizeHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var h = host.Trim().ToLowerInvariant();
        var colon = h.LastIndexOf(':');
        if (colon > 0 && !h.EndsWith(']'))
        {
            h = h[..colon];
        }

        return h.Length is > 0 and <= 253 && h.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') ? h : null;
    }
}

/// <summary>The rules for operator ids and subdomains.</summary>
public static class OperatorIds
{
    /// <summary>2 to 32 characters of a-z, 0-9 and '-', not starting or ending with '-'.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: >= 2 and <= 32 } && id[0] != '-' && id[^1] != '-' && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
