using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PerpStudio.Observability.Prometheus;
using PerpStudio.Observability.Tests.Support;
using PerpStudio.Testing;

namespace PerpStudio.Observability.Tests.Prometheus;

public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const int Placed = 7;
    private readonly string _meterName = "PerpStudio.Tests.Metrics." + Guid.NewGuid().ToString("N");
    private TestApp? _app;
    private Meter? _meter;

    private TestApp App => _app ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(
            new Dictionary<string, string?>(),
            web => web.MapPrometheusMetrics("/metrics"),
            configure: o => o.Meters.Add(_meterName));
        _meter = new Meter(_meterName);
    }

    public async Task DisposeAsync()
    {
        _meter?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_scrape_counts_what_happened_with_counters_gauges_and_histograms()
    {
        RecordActivity();
        await ScrapeAsync(); // a served request, so ASP.NET Core's request duration has a point in the next scrape

        var families = PrometheusExposition.Parse(await ScrapeAsync());

        var placed = families["perpstudio_test_orders_placed_total"];
        placed.Type.ShouldBe("counter");
        placed.Help.ShouldBe("Orders placed \\ routed\nper venue");
        Value(placed, "perpstudio_test_orders_placed_total", ("side", "buy"), ("venue", "sim-a")).ShouldBe(Placed);
        Value(placed, "perpstudio_test_orders_placed_total", ("side", "sell"), ("venue", "sim \"b\"\\\nnext")).ShouldBe(2);

        var open = families["perpstudio_test_orders_open"];
        open.Type.ShouldBe("gauge");
        Value(open, "perpstudio_test_orders_open").ShouldBe(3);

        var utilization = families["perpstudio_test_margin_utilization_ratio"];
        utilization.Type.ShouldBe("gauge");
        Value(utilization, "perpstudio_test_margin_utilization_ratio", ("operator", "demo")).ShouldBe(0.625);

        var latency = families["perpstudio_test_routing_decision_duration_seconds"];
        latency.Type.ShouldBe("histogram");
        Value(latency, "perpstudio_test_routing_decision_duration_seconds_count", ("venue", "sim-a")).ShouldBe(4);
        Value(latency, "perpstudio_test_routing_decision_duration_seconds_sum", ("venue", "sim-a")).ShouldBe(0.002 + 0.004 + 0.02 + 3, 1e-12);
        Value(latency, "perpstudio_test_routing_decision_duration_seconds_bucket", ("le", "0.005"), ("venue", "sim-a")).ShouldBe(2);
        Value(latency, "perpstudio_test_routing_decision_duration_seconds_bucket", ("le", "0.025"), ("venue", "sim-a")).ShouldBe(3);
        Value(latency, "perpstudio_test_routing_decision_duration_seconds_bucket", ("le", "+Inf"), ("venue", "sim-a")).ShouldBe(4);

        // The framework's own meters come along, named by the same rules.
        families["http_server_request_duration_seconds"].Type.ShouldBe("histogram");
        families["dotnet_gc_collections_total"].Type.ShouldBe("counter");
        families["kestrel_active_connections"].Type.ShouldBe("gauge");
    }

    [Fact]
    public async Task Counters_are_cumulative_across_scrapes()
    {
        var counter = _meter!.CreateCounter<long>("perpstudio.test.fills");
        counter.Add(5);
        Value(PrometheusExposition.Parse(await ScrapeAsync())["perpstudio_test_fills_total"], "perpstudio_test_fills_total").ShouldBe(5);

        counter.Add(6);
        Value(PrometheusExposition.Parse(await ScrapeAsync())["perpstudio_test_fills_total"], "perpstudio_test_fills_total").ShouldBe(11);
    }

    [Fact]
    public async Task The_scrape_is_served_as_text_format_0_0_4()
    {
        using var response = await App.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
    }

    [Fact]
    public async Task The_Prometheus_client_library_parses_a_scrape_to_the_same_families_and_values()
    {
        RecordActivity();
        var text = await ScrapeAsync();
        var ours = PrometheusExposition.Parse(text);

        var result = await ExternalProcess.DebianPythonAsync(
            Path.Combine(AppContext.BaseDirectory, "Support", "prometheus_parse.py"), [], standardInput: text);

        if (result.ExitCode == 3)
        {
            throw new InvalidOperationException(
                "Debian package python3-prometheus-client is not installed (apt-get install python3-prometheus-client): " + result.StandardError.Trim());
        }

        result.EnsureSuccess();
        using var parsed = JsonDocument.Parse(result.StandardOutput);
        var theirs = parsed.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        theirs.Count.ShouldBe(ours.Count);

        // prometheus_client names a counter family without its _total suffix.
        var placed = theirs["perpstudio_test_orders_placed"];
        placed.GetProperty("type").GetString().ShouldBe("counter");
        var buy = placed.GetProperty("samples").EnumerateArray()
            .Single(s => s[1].TryGetProperty("venue", out var v) && v.GetString() == "sim-a");
        buy[0].GetString().ShouldBe("perpstudio_test_orders_placed_total");
        double.Parse(buy[2].GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Placed);
        placed.GetProperty("samples").EnumerateArray()
            .Count(s => s[1].TryGetProperty("venue", out var v) && v.GetString() == "sim \"b\"\\\nnext").ShouldBe(1);
        theirs["perpstudio_test_routing_decision_duration_seconds"].GetProperty("type").GetString().ShouldBe("histogram");
        theirs.Values.Sum(f => f.GetProperty("samples").GetArrayLength()).ShouldBe(ours.Values.Sum(f => f.Samples.Count));
    }

    private void RecordActivity()
    {
        var placed = _meter!.CreateCounter<long>("perpstudio.test.orders.placed", "{order}", "Orders placed \\ routed\nper venue");
        for (var i = 0; i < Placed; i++)
        {
            placed.Add(1, new("venue", "sim-a"), new("side", "buy"));
        }

        placed.Add(2, new("venue", "sim \"b\"\\\nnext"), new("side", "sell"));
        var open = _meter.CreateUpDownCounter<long>("perpstudio.test.orders.open", "{order}");
        open.Add(5);
        open.Add(-2);
        _meter.CreateGauge<double>("perpstudio.test.margin.utilization", "1").Record(0.625, new KeyValuePair<string, object?>("operator", "demo"));
        var latency = _meter.CreateHistogram<double>(
            "perpstudio.test.routing.decision.duration", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.025, 0.1, 1] });
        foreach (var seconds in new[] { 0.002, 0.004, 0.02, 3 })
        {
            latency.Record(seconds, new KeyValuePair<string, object?>("venue", "sim-a"));
        }
    }

    private async Task<string> ScrapeAsync() => await App.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    private static double Value(PrometheusFamily family, string sample, params (string Name, string Value)[] labels) =>
        family.Samples.Single(s => s.Name == sample
            && s.Labels.Count == labels.Length
            && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Value;
}
