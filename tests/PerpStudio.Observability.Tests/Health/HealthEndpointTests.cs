using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerpStudio.Observability.Health;
using PerpStudio.Observability.Tests.Support;

namespace PerpStudio.Observability.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Readiness_follows_the_registered_checks_while_liveness_stays_up()
    {
        var venueReachable = false;
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?>(),
            web => web.MapPerpStudioHealth(),
            services => services.AddHealthChecks()
                .AddCheck("storage", () => HealthCheckResult.Healthy("redis answered PING"))
                .AddCheck("venues", () => venueReachable
                    ? HealthCheckResult.Healthy("1 of 2 venues reachable")
                    : HealthCheckResult.Unhealthy("no venue reachable", new HttpRequestException("connection refused"))));

        var (liveStatus, live) = await GetAsync(app, "/healthz");
        var (notReadyStatus, notReady) = await GetAsync(app, "/readyz");
        venueReachable = true;
        var (readyStatus, ready) = await GetAsync(app, "/readyz");

        liveStatus.ShouldBe(HttpStatusCode.OK);
        live.GetProperty("status").GetString().ShouldBe("Healthy");
        live.GetProperty("checks").GetArrayLength().ShouldBe(0);
        notReadyStatus.ShouldBe(HttpStatusCode.ServiceUnavailable);
        notReady.GetProperty("status").GetString().ShouldBe("Unhealthy");
        var checks = notReady.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        checks["storage"].GetProperty("status").GetString().ShouldBe("Healthy");
        checks["storage"].GetProperty("description").GetString().ShouldBe("redis answered PING");
        checks["venues"].GetProperty("status").GetString().ShouldBe("Unhealthy");
        checks["venues"].GetProperty("error").GetString().ShouldBe("HttpRequestException: connection refused");
        readyStatus.ShouldBe(HttpStatusCode.OK);
        ready.GetProperty("checks").EnumerateArray().ShouldAllBe(c => c.GetProperty("status").GetString() == "Healthy");
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(TestApp app, string path)
    {
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }
}
