using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerpStudio.Observability.Tests.Otlp;
using PerpStudio.Testing;

namespace PerpStudio.Observability.Tests.Support;

/// <summary>A span as the receiver decoded it, ids in lower-case hex.</summary>
/// <param name="Scope">The instrumentation scope (the ActivitySource's name).</param>
/// <param name="Name">The span name.</param>
/// <param name="TraceId">The trace id.</param>
/// <param name="SpanId">The span id.</param>
/// <param name="ParentSpanId">The parent's span id; empty for a root.</param>
/// <param name="Attributes">The attributes, as text.</param>
/// <param name="Resource">The resource attributes of its batch, as text.</param>
public sealed record ReceivedSpan(
    string Scope, string Name, string TraceId, string SpanId, string ParentSpanId,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> Resource);

/// <summary>
/// An OTLP/HTTP collector stand-in on 127.0.0.1: accepts <c>POST /v1/traces</c> protobuf bodies, decodes them with the
/// OTLP message definitions, and keeps the spans. Metrics posts are accepted and counted.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private int _metricPosts;

    private OtlpReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address to give an exporter.</summary>
    public Uri Address { get; }

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>How many metric exports arrived.</summary>
    public int MetricPosts => Volatile.Read(ref _metricPosts);

    /// <summary>Starts the receiver on a free loopback port.</summary>
    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/v1/traces", (Func<HttpContext, Task<IResult>>)receiver.ReceiveTracesAsync);
        app.MapPost("/v1/metrics", (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver._metricPosts);
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveTracesAsync(HttpContext context)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray());
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = Attributes(resourceSpans.Resource?.Attributes ?? []);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                foreach (var span in scopeSpans.Spans)
                {
                    _spans.Enqueue(new ReceivedSpan(
                        scopeSpans.Scope?.Name ?? "",
                        span.Name,
                        Convert.ToHexStringLower(span.TraceId.Span),
                        Convert.ToHexStringLower(span.SpanId.Span),
                        Convert.ToHexStringLower(span.ParentSpanId.Span),
                        Attributes(span.Attributes),
                        resource));
                }
            }
        }

        // An empty ExportTraceServiceResponse: everything accepted.
        return Results.Bytes([], "application/x-protobuf");
    }

    private static Dictionary<string, string> Attributes(IEnumerable<KeyValue> attributes) =>
        attributes.ToDictionary(a => a.Key, a => a.Value?.ValueCase switch
        {
            AnyValue.ValueOneofCase.StringValue => a.Value.StringValue,
            AnyValue.ValueOneofCase.IntValue => a.Value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AnyValue.ValueOneofCase.BoolValue => a.Value.BoolValue ? "true" : "false",
            AnyValue.ValueOneofCase.DoubleValue => a.Value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "",
        });
}
