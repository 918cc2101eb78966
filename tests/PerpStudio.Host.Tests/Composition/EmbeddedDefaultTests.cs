using System.Net;
using System.Text.Json;
using PerpStudio.Contracts.V1;
using PerpStudio.Grpc.Client;
using PerpStudio.Grpc.Health.V1;

namespace PerpStudio.Host.Tests.Composition;

/// <summary>The embedded default: memory storage, two simulated venues, the router, the demo operator.</summary>
public sealed class EmbeddedDefaultTests : IAsyncLifetime
{
    private RunningPlatform _host = null!;

    public async Task InitializeAsync() => _host = await RunningPlatform.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_web_port_answers_alive_and_ready_with_both_simulated_venues_up()
    {
        using var web = _host.Web();
        var alive = await web.GetAsync(new Uri("/healthz", UriKind.Relative));
        alive.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var liveness = JsonDocument.Parse(await alive.Content.ReadAsStringAsync()))
        {
            liveness.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        }

        var ready = await web.GetAsync(new Uri("/readyz", UriKind.Relative));
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        report.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        checks.Keys.ShouldBe(["platform", "startup"], ignoreOrder: true);
        checks["platform"].GetProperty("description").GetString().ShouldBe("storage ok; venues sim-a Up, sim-b Up");
        checks["startup"].GetProperty("description").GetString().ShouldBe("startup work done");
    }

    [Fact]
    public async Task Grpc_health_reports_serving_on_the_h2c_port_and_the_probes_are_not_served_there()
    {
        using var grpc = GrpcClient.ForAddress(_host.Platform.GrpcAddress);
        var health = await grpc.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Check", new HealthCheckRequest());
        health.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);

        // the h2c listener speaks HTTP/2 only: an HTTP/1.1 probe gets no "alive" there
        using var h1 = new HttpClient { BaseAddress = _host.Platform.GrpcAddress };
        using var probe = await h1.GetAsync(new Uri("/healthz", UriKind.Relative));
        probe.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_demo_operator_offers_three_markets_with_caps_both_margin_modes_and_both_venues()
    {
        using var client = _host.DemoClient();
        var markets = await client.ListMarketsAsync(new ListMarketsRequest());
        markets.Markets.Select(m => (m.Market_, (int)m.MaxLeverage)).OrderBy(m => m.Market_)
            .ShouldBe([("BTC-USD", 40), ("ETH-USD", 25), ("SOL-USD", 20)]);
        foreach (var market in markets.Markets)
        {
            market.MarginModes.ShouldBe([MarginMode.Cross, MarginMode.Isolated], ignoreOrder: true);
            market.Venues.ShouldBe(["sim-a", "sim-b"]);
        }
    }

    [Fact]
    public async Task The_demo_trader_is_funded_and_its_key_is_printed_in_the_banner()
    {
        var demo = _host.Platform.Demo.ShouldNotBeNull();
        demo.OperatorId.ShouldBe("demo");
        var banner = StartupBanner.Describe(_host.Platform);
        banner.ShouldContain(RunningPlatform.DemoApiKey);
        banner.ShouldContain($"gRPC API (h2c, HTTP/2):   {_host.Platform.GrpcAddress}");
        banner.ShouldContain("Venue:                    sim-a");
        banner.ShouldContain("Venue:                    sim-b");

        using var client = _host.DemoClient();
        var summary = await client.GetAccountSummaryAsync(new GetAccountSummaryRequest());
        summary.TraderAddress.ShouldBe(demo.TraderAddress, StringCompareShould.IgnoreCase);
        decimal.Parse(summary.Collateral, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(100_000m);
    }
}
