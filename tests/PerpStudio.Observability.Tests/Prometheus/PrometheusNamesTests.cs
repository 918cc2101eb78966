using PerpStudio.Observability.Prometheus;
using PerpStudio.Observability.Tests.Support;

namespace PerpStudio.Observability.Tests.Prometheus;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("perpstudio.runtime.storage.write.duration", "s", false, false, "perpstudio_runtime_storage_write_duration_seconds")]
    [InlineData("perpstudio.runtime.activations", "{activation}", true, false, "perpstudio_runtime_activations_total")]
    [InlineData("http.server.request.duration", "s", false, false, "http_server_request_duration_seconds")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", true, false, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("kestrel.queued_requests", "{request}", false, true, "kestrel_queued_requests")]
    [InlineData("perpstudio.margin.utilization", "1", false, true, "perpstudio_margin_utilization_ratio")]
    [InlineData("perpstudio.fills", "1", true, false, "perpstudio_fills_total")]
    [InlineData("perpstudio.venue.throughput", "By/s", false, true, "perpstudio_venue_throughput_bytes_per_second")]
    [InlineData("perpstudio.orders_total", "", true, false, "perpstudio_orders_total")]
    [InlineData("9lives..odd-name/x", null, false, true, "_9lives_odd_name_x")]
    [InlineData("latency.seconds", "s", false, false, "latency_seconds")]
    public void Instrument_names_become_Prometheus_names_with_unit_and_counter_suffixes(
        string name, string? unit, bool isCounter, bool isGauge, string expected) =>
        PrometheusNames.Metric(name, unit, isCounter, isGauge).ShouldBe(expected);

    [Theory]
    [InlineData("http.request.method", "http_request_method")]
    [InlineData("cpu:mode", "cpu_mode")]
    [InlineData("0day", "_0day")]
    public void Tag_keys_become_label_names(string key, string expected) => PrometheusNames.Label(key).ShouldBe(expected);

    [Fact]
    public void Label_values_escape_backslash_quote_and_line_feed_and_nothing_else()
    {
        var escaped = PrometheusNames.EscapeLabelValue("a\\b \"c\"\nd\té");

        escaped.ShouldBe("a\\\\b \\\"c\\\"\\nd\té");
        PrometheusExposition.Parse($"m{{l=\"{escaped}\"}} 1\n")["m"].Samples[0].Labels["l"].ShouldBe("a\\b \"c\"\nd\té");
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(-2.5, "-2.5")]
    public void Values_are_written_as_Go_parses_them(double value, string expected) => PrometheusNames.Number(value).ShouldBe(expected);

    [Theory]
    [InlineData("m 1", "does not end with a line feed")]
    [InlineData("m{l=\"a\\tb\"} 1\n", "escape \\t is not allowed")]
    [InlineData("# TYPE m counter\nm 1\n# TYPE m counter\n", "after its samples")]
    [InlineData("m{l=\"a\"} 1\nm{l=\"a\"} 2\n", "repeats")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "cumulative")]
    [InlineData("a 1\nb 1\na 2\n", "not contiguous")]
    [InlineData("m one\n", "is not a value")]
    public void The_test_parser_refuses_what_the_format_forbids(string text, string error) =>
        Should.Throw<FormatException>(() => PrometheusExposition.Parse(text)).Message.ShouldContain(error);
}
