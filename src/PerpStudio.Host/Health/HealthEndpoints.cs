using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PerpStudio.Host.Health;

/// <summary>The web port's probes: <c>/healthz</c> (the process is alive) and <c>/readyz</c> (it can serve).</summary>
public static class HealthEndpoints
{
    /// <summary>Maps both probes, reachable only through the web listener's port.</summary>
    public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints, int webPort)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var host = $"*:{webPort}";
        endpoints.MapGet("/healthz", () => Results.Text("alive")).RequireHost(host);
        endpoints.MapGet("/readyz", async (PlatformReadiness readiness, CancellationToken cancellationToken) =>
        {
            var report = await readiness.CheckAsync(cancellationToken);
            return Results.Json(report, statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).RequireHost(host);
        return endpoints;
    }
}
