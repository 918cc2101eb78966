using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PerpStudio.Observability.Logging;

/// <summary>Structured console logs that carry the trace of the call that wrote them.</summary>
public static class JsonLoggingExtensions
{
    /// <summary>
    /// Logs to the console one JSON object per line through <see cref="JsonLineFormatter"/> (with scopes), and has every
    /// logger factory record the current trace and span ids in a scope, for any other provider added.
    /// </summary>
    /// <param name="logging">The logging builder.</param>
    /// <param name="configure">Adjusts the formatter options.</param>
    public static ILoggingBuilder AddPerpStudioJsonConsole(this ILoggingBuilder logging, Action<JsonLineFormatterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        logging.AddConsole(o => o.FormatterName = JsonLineFormatter.FormatterName);
        logging.AddConsoleFormatter<JsonLineFormatter, JsonLineFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            configure?.Invoke(o);
        });
        return logging;
    }
}
