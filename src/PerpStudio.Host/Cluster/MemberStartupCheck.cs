using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerpStudio.Host.Cluster;

/// <summary>
/// Readiness of the startup work: unhealthy while <see cref="MemberStartup"/> still waits for peers or runs its steps
/// (the listeners are already up then, for peers' forwarded calls, but the member must not take traffic), and when it failed.
/// </summary>
public sealed class MemberStartupCheck(MemberStartup startup) : IHealthCheck
{
    /// <summary>The check's name in the report.</summary>
    public const string Name = "startup";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var completion = startup.Completion;
        return Task.FromResult(
            completion.IsCompletedSuccessfully ? HealthCheckResult.Healthy("startup work done")
            : completion.IsFaulted ? HealthCheckResult.Unhealthy("startup work failed", completion.Exception?.GetBaseException())
            : HealthCheckResult.Unhealthy("startup work running (waiting for peers, or seeding and linking)"));
    }
}
