using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerpStudio.Testing;

namespace PerpStudio.Host.Tests.Observability;

/// <summary>A span as received: scope, name, ids in lower-case hex, attributes as text.</summary>
public sealed record ReceivedSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// An OTLP/HTTP collector stand-in on 127.0.0.1: decodes <c>POST /v1/traces</c> protobuf bodies field by field (the
/// field numbers of opentelemetry-proto's trace, common and collector messages) and keeps the spans.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();

    private OtlpTraceReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address to give the exporter.</summary>
    public Uri Address { get; }

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>Starts on a free loopback port.</summary>
    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new OtlpTraceReceiver(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver.Decode(body.ToArray());
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        return receiver;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Decode(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? string.Empty;
                foreach (var span in Fields(scopeSpans, 2))
                {
                    var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var pair in Fields(span, 9))
                    {
                        attributes[Text(pair, 1)] = Fields(pair, 2).Select(AnyValue).FirstOrDefault() ?? string.Empty;
                    }

                    _spans.Enqueue(new ReceivedSpan(scope, Text(span, 5), Hex(span, 1), Hex(span, 2), Hex(span, 4), attributes));
                }
            }
        }
    }

    // AnyValue: string_value = 1, bool_value = 2, int_value = 3
    private static string AnyValue(byte[] value)
    {
        var input = new CodedInputStream(value);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: return input.ReadString();
                case 2: return input.ReadBool() ? "true" : "false";
                case 3: return input.ReadInt64().ToString(CultureInfo.InvariantCulture);
                default: input.SkipLastField(); break;
            }
        }

        return string.Empty;
    }

    private static string Text(byte[] message, int field) => Fields(message, field).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault() ?? string.Empty;

    private static string Hex(byte[] message, int field) => Fields(message, field).Select(Convert.ToHexStringLower).FirstOrDefault() ?? string.Empty;

    // the length-delimited occurrences of one field of a message
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }
}
