using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerpStudio.Grpc.Server;
using PerpStudio.Observability.Health;
using PerpStudio.Observability.Logging;
using PerpStudio.Observability.Prometheus;
using PerpStudio.Observability.Tracing;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Host.Observability;

/// <summary>
/// Traces, metrics and JSON logs (<c>PerpStudio:Telemetry:*</c>: sampling ratio, OTLP endpoint and protocol), the order
/// counters, and the readiness check behind <c>/readyz</c> and <c>grpc.health.v1</c>.
/// </summary>
public static class ObservabilityComposition
{
    /// <summary>Adds telemetry, JSON console logs with trace and span ids, the order filter and the readiness check.</summary>
    public static WebApplicationBuilder AddPlatformObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPerpStudioTelemetry(builder.Configuration, o =>
        {
            o.ActivitySources.Add(VenueTracing.SourceName);
            o.Meters.Add(OrderFlowMetrics.MeterName);
            o.Meters.Add(GrainPlacementMetrics.MeterName);
        });
        builder.Logging.ClearProviders().AddPerpStudioJsonConsole();

        // before the API's filters, so every PlaceOrder is counted, including those authentication refuses
        builder.Services.AddGrpcCallFilter<OrderFlowMetrics>();
        builder.Services.AddHostedService<GrainPlacementMetrics>();
        builder.Services.AddHealthChecks().AddCheck<PlatformReadinessCheck>(PlatformReadinessCheck.Name);
        return builder;
    }

    /// <summary>Maps <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> on the web port only.</summary>
    public static WebApplication MapPlatformObservability(this WebApplication app, int webPort)
    {
        ArgumentNullException.ThrowIfNull(app);
        var host = $"*:{webPort}";
        app.MapPrometheusMetrics("/metrics").RequireHost(host);
        var health = app.MapPerpStudioHealth();
        health.Liveness.RequireHost(host);
        health.Readiness.RequireHost(host);
        return app;
    }
}
