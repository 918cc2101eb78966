using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Observability.Tracing;

namespace PerpStudio.Observability.Prometheus;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
public static class PrometheusEndpointExtensions
{
    /// <summary>
    /// Serves the metrics of <see cref="PerpStudioTelemetry"/> as Prometheus text at <paramref name="pattern"/>
    /// (needs <see cref="TelemetryServiceCollectionExtensions.AddPerpStudioTelemetry"/> with Prometheus enabled).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">The path, <c>/metrics</c> by convention.</param>
    /// <returns>The endpoint, for conventions such as <c>RequireHost</c>.</returns>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, async (HttpContext context) =>
        {
            var telemetry = context.RequestServices.GetRequiredService<PerpStudioTelemetry>();
            if (telemetry.Prometheus is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync("Prometheus export is off (PerpStudio:Telemetry:PrometheusEnabled)", context.RequestAborted);
                return;
            }

            var text = await telemetry.Prometheus.ScrapeAsync(context.RequestAborted);
            context.Response.ContentType = PrometheusScraper.ContentType;
            await context.Response.WriteAsync(text, context.RequestAborted);
        });
    }
}
