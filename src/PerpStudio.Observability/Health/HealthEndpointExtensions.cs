using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerpStudio.Observability.Health;

/// <summary>The two endpoints of the Kubernetes probes.</summary>
/// <param name="Liveness">The liveness endpoint.</param>
/// <param name="Readiness">The readiness endpoint.</param>
public sealed record HealthEndpoints(IEndpointConventionBuilder Liveness, IEndpointConventionBuilder Readiness);

/// <summary>
/// Maps <c>/healthz</c> (alive: 200 whenever the process answers, no check runs, so a slow dependency never gets the
/// pod restarted) and <c>/readyz</c> (every registered <see cref="IHealthCheck"/>; 503 when one is unhealthy, so the
/// pod leaves the Service's endpoints). Register checks with <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name)</c>.
/// </summary>
public static class HealthEndpointExtensions
{
    /// <summary>Maps both probes; each answers with a JSON body listing the checks run.</summary>
    /// <param name="endpoints">The app (its services must include <c>AddHealthChecks()</c>).</param>
    /// <param name="livenessPath">The liveness path.</param>
    /// <param name="readinessPath">The readiness path.</param>
    /// <returns>Both endpoints, for conventions such as <c>RequireHost</c>.</returns>
    public static HealthEndpoints MapPerpStudioHealth(
        this IEndpointRouteBuilder endpoints, string livenessPath = "/healthz", string readinessPath = "/readyz")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var liveness = endpoints.MapHealthChecks(livenessPath, new HealthCheckOptions
        {
            Predicate = static _ => false,
            ResponseWriter = WriteReportAsync,
        });
        var readiness = endpoints.MapHealthChecks(readinessPath, new HealthCheckOptions
        {
            Predicate = static _ => true,
            ResponseWriter = WriteReportAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return new HealthEndpoints(liveness, readiness);
    }

    /// <summary>Writes <c>{"status":..., "durationMs":..., "checks":[{"name","status","description","durationMs","error"}]}</c>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="report">The checks' outcome.</param>
    public static async Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 3));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is not null)
            {
                json.WriteString("description", entry.Description);
            }

            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 3));
            if (entry.Exception is not null)
            {
                json.WriteString("error", $"{entry.Exception.GetType().Name}: {entry.Exception.Message}");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
