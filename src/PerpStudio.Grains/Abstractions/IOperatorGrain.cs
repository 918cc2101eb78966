using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Operators;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// An operator's configuration (key: operatorId), the one the account and position grains enforce: markets offered and
/// their leverage, margin modes, fee schedule and revenue split, risk policy, venues per market, demo deposits.
/// Every accepted change bumps <see cref="OperatorConfig.Version"/>.
/// </summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    /// <summary>The current configuration (version 0 and nothing offered before the first <see cref="ConfigureAsync"/>).</summary>
    Task<OperatorConfig> GetConfigAsync();

    /// <summary>
    /// Replaces the configuration when <see cref="OperatorConfigChange.ExpectedVersion"/> is the current version.
    /// Refused with a precise error (nothing changes) when the version is stale or the configuration is invalid.
    /// </summary>
    Task<Result<OperatorConfig>> ConfigureAsync(OperatorConfigChange change);

    /// <summary>The Domain's policy derived from the current configuration.</summary>
    Task<OperatorPolicy> GetPolicyAsync();

    /// <summary>The operator's branding (kept apart from trading configuration; later issues fill it in).</summary>
    Task<OperatorBranding> GetBrandingAsync();

    /// <summary>Replaces the branding.</summary>
    Task<Result<OperatorBranding>> SetBrandingAsync(OperatorBranding branding);
}
