using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace PerpStudio.Observability.Logging;

/// <summary>
/// Writes each log entry as one JSON object per line: <c>timestamp</c>, <c>level</c>, <c>category</c>,
/// <c>event_id</c>, <c>message</c>, the message's named values under <c>attributes</c>, scopes under <c>scopes</c>,
/// <c>exception</c>, and <c>trace_id</c> / <c>span_id</c> of the activity current when the entry was logged.
/// </summary>
public sealed class JsonLineFormatter : ConsoleFormatter, IDisposable
{
    /// <summary>The formatter's name in <see cref="ConsoleLoggerOptions.FormatterName"/>.</summary>
    public const string FormatterName = "perpstudio-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IDisposable? _reload;
    private JsonLineFormatterOptions _options;

    /// <summary>Creates the formatter (the console logger resolves it).</summary>
    /// <param name="options">Formatter options, reloaded on change.</param>
    public JsonLineFormatter(IOptionsMonitor<JsonLineFormatterOptions> options)
        : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.CurrentValue;
        _reload = options.OnChange(o => _options = o);
    }

    /// <inheritdoc/>
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            var now = _options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
            json.WriteString("timestamp", now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logEntry.LogLevel));
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("event_id", logEntry.EventId.Id);
            if (!string.IsNullOrEmpty(logEntry.EventId.Name))
            {
                json.WriteString("event_name", logEntry.EventId.Name);
            }

            json.WriteString("message", message);
            WriteTrace(json);
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                WriteValues(json, "attributes", values);
            }

            if (_options.IncludeScopes && scopeProvider is not null)
            {
                WriteScopes(json, scopeProvider);
            }

            if (logEntry.Exception is not null)
            {
                json.WriteString("exception", logEntry.Exception.ToString());
            }

            json.WriteEndObject();
        }

        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }

    /// <inheritdoc/>
    public void Dispose() => _reload?.Dispose();

    // The console logger formats on the logging thread, so Activity.Current is the caller's activity.
    private static void WriteTrace(Utf8JsonWriter json)
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        json.WriteString("trace_id", activity.TraceId.ToHexString());
        json.WriteString("span_id", activity.SpanId.ToHexString());
        if (activity.ParentSpanId != default)
        {
            json.WriteString("parent_span_id", activity.ParentSpanId.ToHexString());
        }
    }

    private static void WriteScopes(Utf8JsonWriter json, IExternalScopeProvider scopeProvider)
    {
        json.WriteStartArray("scopes");
        scopeProvider.ForEachScope(
            static (scope, writer) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    writer.WriteStartObject();
                    foreach (var (key, value) in values)
                    {
                        writer.WriteString(key, Text(value));
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteStringValue(Text(scope));
                }
            },
            json);
        json.WriteEndArray();
    }

    private static void WriteValues(Utf8JsonWriter json, string property, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        json.WriteStartObject(property);
        foreach (var (key, value) in values)
        {
            if (key == "{OriginalFormat}")
            {
                json.WriteString("template", Text(value));
                continue;
            }

            switch (value)
            {
                case null:
                    json.WriteNull(key);
                    break;
                case bool b:
                    json.WriteBoolean(key, b);
                    break;
                case int or long or short or byte or uint or ulong or ushort or sbyte:
                    json.WriteNumber(key, Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    // decimals and doubles stay text: money is never rounded through a JSON number on its way to a log
                    json.WriteString(key, Text(value));
                    break;
            }
        }

        json.WriteEndObject();
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}

/// <summary>Options of <see cref="JsonLineFormatter"/>.</summary>
public sealed class JsonLineFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>The clock stamping entries; null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
