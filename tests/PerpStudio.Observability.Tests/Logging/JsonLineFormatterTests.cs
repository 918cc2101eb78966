using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PerpStudio.Observability.Logging;

namespace PerpStudio.Observability.Tests.Logging;

/// <summary>Redirects the process's console, so it runs alone.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

[Collection(nameof(ConsoleCollection))]
public sealed partial class JsonLineFormatterTests
{
    [Fact]
    public void Every_line_logged_inside_an_activity_carries_its_trace_and_span_ids()
    {
        var lines = CaptureConsole(factory =>
        {
            var logger = factory.CreateLogger("PerpStudio.Routing");
            LogRouted(logger, "sim-a", 2);
            using var parent = new Activity("PlaceOrder").SetIdFormat(ActivityIdFormat.W3C).Start();
            using var child = new Activity("RouteOrder").SetIdFormat(ActivityIdFormat.W3C).Start();
            using (logger.BeginScope(new Dictionary<string, object?> { ["operator"] = "demo" }))
            {
                LogRouted(logger, "sim-b", 1);
            }

            return (TraceId: child.TraceId.ToHexString(), SpanId: child.SpanId.ToHexString(), ParentSpanId: parent.SpanId.ToHexString());
        }, out var ids);

        lines.Count.ShouldBe(2);
        using var outside = JsonDocument.Parse(lines[0]);
        outside.RootElement.TryGetProperty("trace_id", out _).ShouldBeFalse();
        using var inside = JsonDocument.Parse(lines[1]);
        var entry = inside.RootElement;
        entry.GetProperty("trace_id").GetString().ShouldBe(ids.TraceId);
        entry.GetProperty("span_id").GetString().ShouldBe(ids.SpanId);
        entry.GetProperty("parent_span_id").GetString().ShouldBe(ids.ParentSpanId);
        entry.GetProperty("level").GetString().ShouldBe("info");
        entry.GetProperty("category").GetString().ShouldBe("PerpStudio.Routing");
        entry.GetProperty("event_id").GetInt32().ShouldBe(7);
        entry.GetProperty("message").GetString().ShouldBe("Routed order to sim-b in 1 legs");
        entry.GetProperty("attributes").GetProperty("Venue").GetString().ShouldBe("sim-b");
        entry.GetProperty("attributes").GetProperty("Legs").GetInt32().ShouldBe(1);
        entry.GetProperty("attributes").GetProperty("template").GetString().ShouldBe("Routed order to {Venue} in {Legs} legs");
        entry.GetProperty("scopes").EnumerateArray().Count(s => s.ValueKind == JsonValueKind.Object
            && s.TryGetProperty("operator", out var o) && o.GetString() == "demo").ShouldBe(1);
    }

    [Fact]
    public void An_exception_is_written_into_the_same_line()
    {
        var lines = CaptureConsole(factory =>
        {
            factory.CreateLogger("PerpStudio.Api").LogError(new InvalidOperationException("venue \"sim-a\" down\nretrying"), "Order {OrderId} failed", 42);
            return 0;
        }, out _);

        lines.Count.ShouldBe(1);
        using var entry = JsonDocument.Parse(lines[0]);
        entry.RootElement.GetProperty("level").GetString().ShouldBe("error");
        entry.RootElement.GetProperty("exception").GetString()!.ShouldStartWith("System.InvalidOperationException: venue \"sim-a\" down\nretrying");
    }

    private static List<string> CaptureConsole<T>(Func<ILoggerFactory, T> log, out T result)
    {
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            // The console logger writes from a background queue; disposing the factory drains it.
            using (var factory = LoggerFactory.Create(b => b.AddPerpStudioJsonConsole()))
            {
                result = log(factory);
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Routed order to {Venue} in {Legs} legs")]
    private static partial void LogRouted(ILogger logger, string venue, int legs);
}
