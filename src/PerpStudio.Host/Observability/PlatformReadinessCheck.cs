using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerpStudio.Host.Health;

namespace PerpStudio.Host.Observability;

/// <summary>
/// <c>/readyz</c>'s check: <see cref="PlatformReadiness"/> run now (storage answers and at least one venue is up), which
/// also sets <c>grpc.health.v1</c>, so both probes give the same answer.
/// </summary>
public sealed class PlatformReadinessCheck(PlatformReadiness readiness) : IHealthCheck
{
    /// <summary>The check's name in the report.</summary>
    public const string Name = "platform";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await readiness.CheckAsync(cancellationToken);
        var description = $"storage {report.Storage}; venues "
            + string.Join(", ", report.Venues.Select(v => v.Detail.Length > 0 ? $"{v.Venue} {v.Status} ({v.Detail})" : $"{v.Venue} {v.Status}"));
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["storage"] = report.Storage };
        foreach (var venue in report.Venues)
        {
            data[$"venue.{venue.Venue}"] = venue.Status;
        }

        return report.Ready
            ? new HealthCheckResult(HealthStatus.Healthy, description, data: data)
            : new HealthCheckResult(HealthStatus.Unhealthy, description, data: data);
    }
}
