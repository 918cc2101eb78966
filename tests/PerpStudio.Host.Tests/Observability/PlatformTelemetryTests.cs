using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;
using PerpStudio.Observability.Tracing;

namespace PerpStudio.Host.Tests.Observability;

/// <summary>The running host exports an order's trace over OTLP and counts what happened on <c>/metrics</c>.</summary>
// Activity sources and meters are process-wide: hosts of other test classes running at the same time would add their
// spans and counts to this host's exporters, so these tests run alone.
[Collection(TelemetryCollection.Name)]
public sealed class PlatformTelemetryTests : IAsyncLifetime
{
    private OtlpTraceReceiver _collector = null!;
    private RunningPlatform _host = null!;

    public async Task InitializeAsync()
    {
        _collector = await OtlpTraceReceiver.StartAsync();
        _host = await RunningPlatform.StartAsync(
            ("PerpStudio:Telemetry:OtlpEndpoint", _collector.Address.ToString()),
            ("PerpStudio:Telemetry:OtlpProtocol", "http/protobuf"),
            ("PerpStudio:Telemetry:SamplingRatio", "1.0"),
            ("PerpStudio:Venues:Simulated:0:Name", "sim-a"),
            ("PerpStudio:Venues:Simulated:0:Seed", "5"),
            ("PerpStudio:Venues:Simulated:0:StepInterval", "01:00:00"));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task An_order_placed_through_grpc_is_traced_from_the_account_grain_through_the_router_to_the_venue_and_the_request_span_names_the_method()
    {
        using var client = _host.DemoClient();
        var reply = await client.PlaceOrderAsync(Order("trace-1", "0.01"));
        reply.Order.Status.ShouldBe(OrderStatus.Filled, reply.Order.ToString());
        _host.Platform.App.Services.GetRequiredService<PerpStudioTelemetry>().ForceFlush().ShouldBeTrue();

        var spans = _collector.Spans;
        var account = spans.Single(s => s.Scope == "PerpStudio.Grains" && s.Attributes.GetValueOrDefault("perpstudio.client_order_id") == "trace-1");
        account.Attributes["perpstudio.market"].ShouldBe("BTC-USD");
        account.Attributes["perpstudio.operator"].ShouldBe("demo");

        // the gRPC request's span names the method and is where the order's trace enters the host (above it only the
        // test client's own HTTP span, when exported)
        var request = spans.Single(s => s.Scope == "Microsoft.AspNetCore" && s.TraceId == account.TraceId && s.Attributes.GetValueOrDefault("rpc.method") == "PlaceOrder");
        request.Attributes["rpc.service"].ShouldBe("perpstudio.v1.TradingService");
        account.TraceId.ShouldBe(request.TraceId);

        var venue = spans.Single(s => s.Scope == "PerpStudio.Venues" && s.TraceId == request.TraceId);
        venue.Attributes["perpstudio.venue"].ShouldBe("sim-a");
        venue.Attributes["perpstudio.market"].ShouldBe("BTC-USD");
        venue.Attributes["perpstudio.client_order_id"].ShouldNotBeNullOrEmpty();

        // venue <- router span(s) <- account grain <- request: walk up the parents from the venue span to the request
        var chain = new List<ReceivedSpan>();
        for (var span = venue; span.SpanId != request.SpanId; span = chain[^1])
        {
            chain.Add(spans.Single(s => s.SpanId == span.ParentSpanId));
        }

        var routers = chain.Count - 2;
        routers.ShouldBeGreaterThan(0);
        chain.Select(s => s.Scope).ShouldBe([.. Enumerable.Repeat("PerpStudio.Routing", routers), "PerpStudio.Grains", "Microsoft.AspNetCore"]);
        chain[^2].SpanId.ShouldBe(account.SpanId);
        chain[^1].SpanId.ShouldBe(request.SpanId);
        chain.ShouldAllBe(s => s.TraceId == request.TraceId);
    }

    [Fact]
    public async Task The_metrics_page_parses_as_prometheus_text_and_counts_orders_refusals_route_decisions_and_fills()
    {
        using var client = _host.DemoClient();
        (await client.PlaceOrderAsync(Order("m-1", "0.01"))).Order.Status.ShouldBe(OrderStatus.Filled);
        (await client.PlaceOrderAsync(Order("m-2", "0.02"))).Order.Status.ShouldBe(OrderStatus.Filled);
        await Should.ThrowAsync<Exception>(() => client.PlaceOrderAsync(Order("m-3", "-1")));

        using var web = _host.Web();
        var text = await web.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var families = PrometheusText.Parse(text);

        families["perpstudio_api_orders_received_total"].Sum().ShouldBe(3);
        families["perpstudio_api_orders_accepted_total"].Sum().ShouldBe(2);
        var refused = families["perpstudio_api_orders_refused_total"];
        refused.Sum().ShouldBe(1);
        refused.Samples.Single().Labels["reason"].ShouldNotBeNullOrEmpty();
        families["perpstudio_routing_decisions_total"].Samples.Where(s => s.Labels.GetValueOrDefault("venue") == "sim-a").Sum(s => s.Value).ShouldBeGreaterThanOrEqualTo(2);
        families.Keys.ShouldContain(k => k.StartsWith("perpstudio_routing_fills", StringComparison.Ordinal));
    }

    private static PlaceOrderRequest Order(string id, string size) => new()
    {
        ClientOrderId = id,
        Market = "BTC-USD",
        Side = Side.Buy,
        Type = OrderType.Market,
        Size = size,
        MarginMode = MarginMode.Cross,
        Leverage = 5,
    };
}

/// <summary>Tests that read process-wide telemetry; they run after, and never beside, the other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Telemetry";
}
