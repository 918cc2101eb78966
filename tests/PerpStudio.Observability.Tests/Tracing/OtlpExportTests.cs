using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PerpStudio.Observability.Tests.Support;
using PerpStudio.Observability.Tracing;

namespace PerpStudio.Observability.Tests.Tracing;

public sealed class OtlpExportTests
{
    private static readonly ActivitySource Api = new(PerpStudioInstrumentation.Api);
    private static readonly ActivitySource Routing = new(PerpStudioInstrumentation.Routing);

    [Fact]
    public async Task A_request_reaches_the_collector_as_one_trace_of_client_server_api_and_routing_spans()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["PerpStudio:Telemetry:OtlpEndpoint"] = collector.Address.ToString(),
                ["PerpStudio:Telemetry:OtlpProtocol"] = "http/protobuf",
                ["PerpStudio:Telemetry:ServiceName"] = "perpstudio",
                ["PerpStudio:Telemetry:ServiceInstanceId"] = "perpstudio-1",
            },
            web => web.MapPost("/orders", () =>
            {
                using var place = Api.StartActivity("PlaceOrder");
                place?.SetTag("perpstudio.operator", "demo");
                using var route = Routing.StartActivity("RouteOrder");
                route?.SetTag("perpstudio.venue", "sim-a");
                route?.SetTag("perpstudio.legs", 2);
                return Results.Text(Activity.Current?.TraceId.ToHexString());
            }));

        using var response = await app.Client.PostAsync(new Uri("/orders", UriKind.Relative), null);
        var traceId = await response.Content.ReadAsStringAsync();
        app.Telemetry.ForceFlush().ShouldBeTrue();

        var trace = collector.Spans.Where(s => s.TraceId == traceId).ToList();
        var client = trace.Single(s => s.Scope == "System.Net.Http");
        var server = trace.Single(s => s.Scope == "Microsoft.AspNetCore");
        var place = trace.Single(s => s.Scope == PerpStudioInstrumentation.Api);
        var route = trace.Single(s => s.Scope == PerpStudioInstrumentation.Routing);
        trace.Count.ShouldBe(4);
        client.ParentSpanId.ShouldBeEmpty();
        server.ParentSpanId.ShouldBe(client.SpanId); // traceparent crossed the wire
        place.ParentSpanId.ShouldBe(server.SpanId);
        route.ParentSpanId.ShouldBe(place.SpanId);
        place.Name.ShouldBe("PlaceOrder");
        place.Attributes["perpstudio.operator"].ShouldBe("demo");
        route.Name.ShouldBe("RouteOrder");
        route.Attributes["perpstudio.venue"].ShouldBe("sim-a");
        route.Attributes["perpstudio.legs"].ShouldBe("2");
        route.Resource["service.name"].ShouldBe("perpstudio");
        route.Resource["service.instance.id"].ShouldBe("perpstudio-1");
    }
}
