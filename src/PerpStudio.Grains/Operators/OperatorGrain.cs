using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Operators;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Operators;

/// <summary>An operator's configuration, versioned; the source of the Domain policy accounts enforce.</summary>
public sealed class OperatorGrain(
    [PersistentState("operator", GrainKeys.Storage)] IPersistentState<OperatorState> state) : Grain, IOperatorGrain
{
    private OperatorPolicy? _policy;

    private OperatorConfig Config => state.State.Config ?? OperatorConfigRules.Empty(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public Task<OperatorConfig> GetConfigAsync() => Task.FromResult(Config);

    /// <inheritdoc />
    public async Task<Result<OperatorConfig>> ConfigureAsync(OperatorConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = Config;
        if (change.ExpectedVersion != current.Version)
        {
            return new DomainError(ErrorKind.FailedPrecondition, "config_version_stale", "expected_version",
                $"the configuration is at version {current.Version}, not {change.ExpectedVersion}: reload and reapply");
        }

        if (OperatorConfigRules.Validate(change) is { } error)
        {
            return error;
        }

        var next = OperatorConfigRules.Apply(current.OperatorId, current.Version, change);
        state.State = state.State with { Config = next };
        await state.WriteStateAsync();
        _policy = null;
        return next;
    }

    /// <inheritdoc />
    public Task<OperatorPolicy> GetPolicyAsync() => Task.FromResult(_policy ??= OperatorConfigRules.PolicyOf(Config));

    /// <inheritdoc />
    public Task<OperatorBranding> GetBrandingAsync() => Task.FromResult(state.State.Branding ?? OperatorBranding.Default);

    /// <inheritdoc />
    public async Task<Result<OperatorBranding>> SetBrandingAsync(OperatorBranding branding)
    {
        if (branding is null || string.IsNullOrWhiteSpace(branding.DisplayName))
        {
            return Refusals.Required("display_name");
        }

        state.State = state.State with { Branding = branding };
        await state.WriteStateAsync();
        return branding;
    }
}
