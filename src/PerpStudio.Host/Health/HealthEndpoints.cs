using Microsoft.AspNetCore.Builder;
using PerpStudio.Host.Observability;

namespace PerpStudio.Host.Health;

/// <summary>The web port's probes and metrics: <c>/healthz</c> (alive), <c>/readyz</c> (can serve), <c>/metrics</c>.</summary>
public static class HealthEndpoints
{
    /// <summary>
    /// Maps the probes of the observability library (<c>/readyz</c> runs <see cref="PlatformReadinessCheck"/>) and
    /// <c>/metrics</c>, reachable only through the web listener's port.
    /// </summary>
    public static WebApplication MapPlatformHealth(this WebApplication app, int webPort) => app.MapPlatformObservability(webPort);
}
