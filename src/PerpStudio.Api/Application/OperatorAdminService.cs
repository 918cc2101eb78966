using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Identity;
using PerpStudio.Api.Operators;
using PerpStudio.Api.Tenancy;
using PerpStudio.Domain.Orders;
using PerpStudio.Ethereum;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Application;

/// <summary>An operator's whole configuration: the API's profile and the trading configuration the grains enforce.</summary>
/// <param name="Profile">Branding, domains, features, keys, audit.</param>
/// <param name="Trading">Markets, fees, risk, demo deposits.</param>
public sealed record OperatorView(OperatorProfile Profile, OperatorConfig Trading);

/// <summary>A market offered, with the margin modes offered in it.</summary>
/// <param name="Offering">Leverage and venues.</param>
/// <param name="Modes">Margin modes; empty for both.</param>
public sealed record OperatorMarketInput(MarketOffering Offering, ImmutableArray<MarginMode> Modes);

/// <summary>A new API key: its listing and the key itself, shown only now.</summary>
/// <param name="Key">The listing.</param>
/// <param name="Secret">The key to send in <c>x-api-key</c>.</param>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);

/// <summary>A trader of the operator with a glance at the account.</summary>
/// <param name="User">Who and since when.</param>
/// <param name="Equity">Equity now.</param>
/// <param name="OpenPositions">Open positions.</param>
public sealed record UserListing(OperatorUser User, Domain.Primitives.Money Equity, int OpenPositions);

/// <summary>
/// An operator's administration: creation (platform key), configuration, domains, keys, users, revenue and the audit
/// log. Every change is recorded with actor and time. Trading configuration goes to the <c>OperatorGrain</c>; the rest
/// to the API's <see cref="IOperatorProfileGrain"/>.
/// </summary>
public sealed partial class OperatorAdminService(IGrainFactory grains, OperatorDirectory directory, TimeProvider time)
{
    /// <summary>Creates an operator (platform key only); its subdomain defaults to its id.</summary>
    public async Task<OperatorView> CreateOperatorAsync(CallerContext caller, string operatorId, BrandingProfile? branding, string? subdomain)
    {
        Access.RequirePlatform(caller);
        if (string.IsNullOrEmpty(operatorId))
        {
            throw new ApiException(ApiError.Required("operator_id"));
        }

        if (!OperatorIds.IsValid(operatorId))
        {
            throw new ApiException(ApiError.Invalid("operator_id", "operator_id_invalid", "operator_id must be 2..32 characters of a-z, 0-9 and '-', not starting or ending with '-'"));
        }

        var sub = string.IsNullOrEmpty(subdomain) ? operatorId : subdomain;
        if (!OperatorIds.IsValid(sub))
        {
            throw new ApiException(ApiError.Invalid("subdomain", "subdomain_invalid", "subdomain must be 2..32 characters of a-z, 0-9 and '-'"));
        }

        var brand = branding ?? BrandingProfile.Default with { DisplayName = operatorId };
        ValidateBranding(brand);
        var profileGrain = grains.GetGrain<IOperatorProfileGrain>(operatorId);
        if (await profileGrain.GetAsync() is not null)
        {
            throw new ApiException(new ApiError(ApiErrorKind.AlreadyExists, "operator_exists", "operator_id", $"operator '{operatorId}' already exists"));
        }

        var host = directory.SubdomainHost(sub);
        if (!await grains.GetGrain<IOperatorDomainGrain>(host).ClaimAsync(operatorId))
        {
            throw new ApiException(new ApiError(ApiErrorKind.AlreadyExists, "domain_taken", "subdomain", $"{host} is served by another operator"));
        }

        var profile = new OperatorProfile { OperatorId = operatorId, CreatedAt = time.GetUtcNow(), Branding = brand, Subdomain = sub };
        if (!await profileGrain.CreateAsync(profile, Audit(caller, "CreateOperator", $"created with subdomain {sub}")))
        {
            throw new ApiException(new ApiError(ApiErrorKind.AlreadyExists, "operator_exists", "operator_id", $"operator '{operatorId}' already exists"));
        }

        await grains.GetGrain<IOperatorGrain>(operatorId).SetBrandingAsync(new OperatorBranding(brand.DisplayName, brand.PrimaryColor, brand.LogoUrl));
        return await ViewAsync(operatorId);
    }

    /// <summary>The caller's operator.</summary>
    public Task<OperatorView> GetOperatorAsync(CallerContext caller) => ViewAsync(Access.RequireOperatorReader(caller));

    /// <summary>Replaces the branding.</summary>
    public async Task<OperatorView> UpdateBrandingAsync(CallerContext caller, BrandingProfile branding)
    {
        ArgumentNullException.ThrowIfNull(branding);
        var operatorId = Access.RequireAdmin(caller);
        ValidateBranding(branding);
        await UpdateProfileAsync(caller, operatorId, "UpdateBranding", $"display name '{branding.DisplayName}'", p => p with { Branding = branding });
        var result = await grains.GetGrain<IOperatorGrain>(operatorId).SetBrandingAsync(new OperatorBranding(branding.DisplayName, branding.PrimaryColor, branding.LogoUrl));
        TradingService.Unwrap(result);
        return await ViewAsync(operatorId);
    }

    /// <summary>
    /// Replaces the subdomain, custom domains, blocked regions and whether an unknown region is blocked; each host is
    /// claimed for this operator.
    /// </summary>
    public async Task<OperatorView> UpdateDomainsAsync(CallerContext caller, string subdomain, IReadOnlyList<string> customDomains, IReadOnlyList<string> blockedRegions,
        bool blockUnknownRegion)
    {
        ArgumentNullException.ThrowIfNull(customDomains);
        ArgumentNullException.ThrowIfNull(blockedRegions);
        var operatorId = Access.RequireAdmin(caller);
        var current = await ProfileAsync(operatorId);
        var sub = string.IsNullOrEmpty(subdomain) ? current.Subdomain : subdomain;
        if (!OperatorIds.IsValid(sub))
        {
            throw new ApiException(ApiError.Invalid("subdomain", "subdomain_invalid", "subdomain must be 2..32 characters of a-z, 0-9 and '-'"));
        }

        var domains = new List<string>();
        for (var i = 0; i < customDomains.Count; i++)
        {
            var host = OperatorDirectory.NormalizeHost(customDomains[i]);
            if (host is null || !host.Contains('.', StringComparison.Ordinal))
            {
                throw new ApiException(ApiError.Invalid($"custom_domains[{i}]", "domain_invalid", $"'{customDomains[i]}' is not a host name"));
            }

            domains.Add(host);
        }

        var regions = new List<string>();
        for (var i = 0; i < blockedRegions.Count; i++)
        {
            var region = blockedRegions[i]?.Trim().ToUpperInvariant() ?? string.Empty;
            if (region.Length != 2 || !region.All(char.IsAsciiLetterUpper))
            {
                throw new ApiException(ApiError.Invalid($"blocked_regions[{i}]", "region_invalid", $"'{blockedRegions[i]}' is not an ISO 3166-1 alpha-2 code"));
            }

            regions.Add(region);
        }

        var wanted = domains.Append(directory.SubdomainHost(sub)).Distinct().ToList();
        var claimed = new List<string>();
        foreach (var host in wanted)
        {
            if (!await grains.GetGrain<IOperatorDomainGrain>(host).ClaimAsync(operatorId))
            {
                foreach (var undo in claimed.Except(HostsOf(current)))
                {
                    await grains.GetGrain<IOperatorDomainGrain>(undo).ReleaseAsync(operatorId);
                }

                throw new ApiException(new ApiError(ApiErrorKind.AlreadyExists, "domain_taken", "custom_domains", $"{host} is served by another operator"));
            }

            claimed.Add(host);
        }

        await UpdateProfileAsync(caller, operatorId, "UpdateDomains",
            $"subdomain {sub}; domains [{string.Join(", ", domains)}]; blocked [{string.Join(", ", regions)}]{(blockUnknownRegion ? " and unknown" : string.Empty)}",
            p => p with { Subdomain = sub, CustomDomains = [.. domains.Distinct()], BlockedRegions = [.. regions.Distinct()], BlockUnknownRegion = blockUnknownRegion });
        foreach (var released in HostsOf(current).Except(wanted))
        {
            await grains.GetGrain<IOperatorDomainGrain>(released).ReleaseAsync(operatorId);
        }

        return await ViewAsync(operatorId);
    }

    /// <summary>The caller's API keys (never the keys themselves).</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(CallerContext caller)
    {
        var operatorId = Access.RequireOperatorReader(caller);
        return (await ProfileAsync(operatorId)).ApiKeys;
    }

    /// <summary>Issues a key: read/trade keys act for one trader, admin keys for the operator. The key is shown once.</summary>
    public async Task<CreatedApiKey> CreateApiKeyAsync(CallerContext caller, string label, ApiScopes scopes, EthereumAddress? trader)
    {
        var operatorId = Access.RequireAdmin(caller);
        await ProfileAsync(operatorId);
        if (scopes == ApiScopes.None || (scopes & ~(ApiScopes.Read | ApiScopes.Trade | ApiScopes.Admin)) != 0)
        {
            throw new ApiException(ApiError.Invalid("scopes", "scopes_invalid", "give at least one of read, trade, admin"));
        }

        var admin = scopes.HasFlag(ApiScopes.Admin);
        if (admin && (scopes != ApiScopes.Admin || trader is not null))
        {
            throw new ApiException(ApiError.Invalid(trader is null ? "scopes" : "trader_address", "admin_key_is_operator_wide",
                "an admin key acts for the operator: give it alone, without a trader address"));
        }

        // read alone without a trader is the viewer role: it reads the operator (config, keys, users, revenue, audit)
        // and changes nothing; a trade key always acts for one trader
        if (scopes.HasFlag(ApiScopes.Trade) && trader is null)
        {
            throw new ApiException(ApiError.Required("trader_address"));
        }

        if ((label ?? string.Empty).Length > 100)
        {
            throw new ApiException(ApiError.Invalid("label", "label_too_long", "label is at most 100 characters"));
        }

        // read is implied by trade and admin
        var effective = scopes | ApiScopes.Read;
        var keyId = CredentialSecrets.NewId();
        var secret = CredentialSecrets.NewApiKey(keyId);
        var digest = CredentialSecrets.Digest(secret);
        var now = time.GetUtcNow();
        var info = new ApiKeyInfo(keyId, label ?? string.Empty, effective, trader?.ToLowerHex(), digest, now, false);
        var record = new ApiKeyRecord(keyId, operatorId, info.Label, effective, info.Trader, digest, now);
        if (!await grains.GetGrain<IApiKeyGrain>(digest).CreateAsync(record))
        {
            throw new InvalidOperationException("a fresh random API key collided with a stored one");
        }

        await UpdateProfileAsync(caller, operatorId, "CreateApiKey", $"key {keyId} scopes {effective} trader {info.Trader ?? "-"}", p => p with { ApiKeys = p.ApiKeys.Add(info) });
        return new CreatedApiKey(info, secret);
    }

    /// <summary>Revokes one of the caller's keys; NOT_FOUND for a key of another operator.</summary>
    public async Task<ApiKeyInfo> RevokeApiKeyAsync(CallerContext caller, string keyId)
    {
        var operatorId = Access.RequireAdmin(caller);
        if (string.IsNullOrEmpty(keyId))
        {
            throw new ApiException(ApiError.Required("key_id"));
        }

        var profile = await ProfileAsync(operatorId);
        var key = profile.ApiKeys.FirstOrDefault(k => k.KeyId == keyId)
            ?? throw new ApiException(ApiError.NotFound("key_id", "api_key_not_found", $"no key '{Clip(keyId)}' for this operator"));
        await grains.GetGrain<IApiKeyGrain>(key.KeyDigest).RevokeAsync();
        var revoked = key with { Revoked = true };
        await UpdateProfileAsync(caller, operatorId, "RevokeApiKey", $"key {keyId}", p => p with { ApiKeys = p.ApiKeys.Replace(p.ApiKeys.First(k => k.KeyId == keyId), revoked) });
        return revoked;
    }

    /// <summary>Traders by first sign-in, with equity and open positions.</summary>
    public async Task<(IReadOnlyList<UserListing> Users, int Total)> ListUsersAsync(CallerContext caller, int offset, int limit)
    {
        var operatorId = Access.RequireOperatorReader(caller);
        var (users, total) = await grains.GetGrain<IOperatorUsersGrain>(operatorId).ListAsync(offset, Math.Clamp(limit, 1, 500));
        var listings = new List<UserListing>();
        foreach (var user in users)
        {
            var view = await grains.GetGrain<IAccountGrain>(GrainKeys.Account(operatorId, user.Trader)).GetRiskViewAsync();
            listings.Add(new UserListing(user, view.Summary.Equity, view.Positions.Count(p => !p.Size.IsZero)));
        }

        return (listings, total);
    }

    /// <summary>The audit log, newest first: records with a sequence below <paramref name="before"/>.</summary>
    public async Task<(IReadOnlyList<AuditRecord> Entries, long? NextBefore)> GetAuditLogAsync(CallerContext caller, long? before, int limit)
    {
        var operatorId = Access.RequireOperatorReader(caller);
        var audit = (await ProfileAsync(operatorId)).Audit;
        var page = audit.Reverse().Where(a => before is null || a.Sequence < before).Take(Math.Clamp(limit, 1, 500)).ToList();
        var next = page.Count > 0 && page[^1].Sequence > 1 ? page[^1].Sequence : (long?)null;
        return (page, next);
    }

    private IEnumerable<string> HostsOf(OperatorProfile profile) => profile.CustomDomains.Append(directory.SubdomainHost(profile.Subdomain));

    private AuditEntryInput Audit(CallerContext caller, string action, string detail) => new(time.GetUtcNow(), caller.Actor, action, detail);

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
