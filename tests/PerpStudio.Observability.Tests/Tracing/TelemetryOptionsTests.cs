using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Observability.Tracing;

namespace PerpStudio.Observability.Tests.Tracing;

public sealed class TelemetryOptionsTests
{
    [Fact]
    public void A_new_trace_is_recorded_at_the_configured_ratio_and_a_child_follows_its_parents_decision()
    {
        using var none = new ActivitySource("PerpStudio.Tests.Sampling." + Guid.NewGuid().ToString("N"));
        // nothing listens on the discard port: the exporter's one attempt at disposal is refused at once
        var options = new TelemetryOptions { SamplingRatio = 0, PrometheusEnabled = false, OtlpEndpoint = "http://127.0.0.1:9", OtlpProtocol = "http/protobuf" };
        options.ActivitySources.Add(none.Name);
        using var telemetry = new PerpStudioTelemetry(options);

        using (var root = none.StartActivity("root"))
        {
            (root?.Recorded ?? false).ShouldBeFalse();
        }

        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        using var child = none.StartActivity("child", ActivityKind.Server, sampledParent);
        child.ShouldNotBeNull().Recorded.ShouldBeTrue();
        child.TraceId.ShouldBe(sampledParent.TraceId);
    }

    [Fact]
    public void Without_an_otlp_endpoint_no_source_is_listened_to_so_no_span_is_made()
    {
        using var source = new ActivitySource("PerpStudio.Tests.Unexported." + Guid.NewGuid().ToString("N"));
        var options = new TelemetryOptions { PrometheusEnabled = false };
        options.ActivitySources.Add(source.Name);

        using (new PerpStudioTelemetry(options))
        {
            source.HasListeners().ShouldBeFalse();
            source.StartActivity("order").ShouldBeNull();
        }

        options.OtlpEndpoint = "http://127.0.0.1:9";
        options.OtlpProtocol = "http/protobuf";
        using (new PerpStudioTelemetry(options))
        {
            source.HasListeners().ShouldBeTrue();
        }
    }

    [Fact]
    public void Configuration_sets_every_option_and_adds_sources_and_meters_to_the_defaults()
    {
        var services = new ServiceCollection();
        services.AddPerpStudioTelemetry(Configuration(
            ("PerpStudio:Telemetry:SamplingRatio", "0.25"),
            ("PerpStudio:Telemetry:OtlpEndpoint", "http://otel-collector:4317"),
            ("PerpStudio:Telemetry:OtlpProtocol", "grpc"),
            ("PerpStudio:Telemetry:ServiceName", "perpstudio-eu"),
            ("PerpStudio:Telemetry:Meters:0", "PerpStudio.Venues.Hyperliquid")));
        var options = services.BuildServiceProvider().GetRequiredService<TelemetryOptions>();

        options.SamplingRatio.ShouldBe(0.25);
        options.OtlpEndpoint.ShouldBe("http://otel-collector:4317");
        options.ServiceName.ShouldBe("perpstudio-eu");
        options.Meters.ShouldBe([.. PerpStudioInstrumentation.DefaultMeters, "PerpStudio.Venues.Hyperliquid"]);
        options.ActivitySources.ShouldBe(PerpStudioInstrumentation.DefaultActivitySources);
        PerpStudioInstrumentation.DefaultActivitySources.ShouldBe(
            ["PerpStudio.Api", "PerpStudio.Routing", "PerpStudio.Grains", "Microsoft.AspNetCore", "System.Net.Http"]);
        PerpStudioInstrumentation.DefaultMeters.ShouldBe(
            ["PerpStudio.Api", "PerpStudio.Routing", "PerpStudio.Runtime", "PerpStudio.Grains",
             "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"]);
    }

    [Theory]
    [InlineData("SamplingRatio", "1.5", "PerpStudio:Telemetry:SamplingRatio must be between 0 and 1")]
    [InlineData("OtlpProtocol", "http/json", "PerpStudio:Telemetry:OtlpProtocol is 'http/json'; use 'grpc' or 'http/protobuf'")]
    [InlineData("OtlpEndpoint", "otel-collector:4317", "PerpStudio:Telemetry:OtlpEndpoint is 'otel-collector:4317'; it must be an absolute http or https address")]
    public void An_invalid_setting_is_refused_naming_its_key(string key, string value, string message) =>
        Should.Throw<ArgumentException>(() => new ServiceCollection().AddPerpStudioTelemetry(Configuration(($"PerpStudio:Telemetry:{key}", value))))
            .Message.ShouldStartWith(message);

    [Fact]
    public void The_instance_id_defaults_to_the_pod_name_or_the_machine_name()
    {
        var expected = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName;

        new TelemetryOptions().ResolveInstanceId().ShouldBe(expected);
        new TelemetryOptions { ServiceInstanceId = "perpstudio-3" }.ResolveInstanceId().ShouldBe("perpstudio-3");
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
