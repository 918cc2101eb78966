using System.Globalization;
using System.Text;

namespace PerpStudio.Observability.Prometheus;

/// <summary>
/// Turns OpenTelemetry instrument names, units and tags into Prometheus names and label text, following the
/// exposition format and OpenTelemetry's Prometheus compatibility rules (dots to underscores, unit suffixes,
/// <c>_total</c> on counters).
/// </summary>
public static class PrometheusNames
{
    /// <summary>The metric name: sanitized, with the unit's suffix and, for counters, <c>_total</c>.</summary>
    /// <param name="name">The instrument name, e.g. <c>perpstudio.runtime.storage.write.duration</c>.</param>
    /// <param name="unit">The UCUM unit, e.g. <c>s</c>, <c>By</c>, <c>{order}</c>, <c>1</c>.</param>
    /// <param name="isCounter">Whether it is a monotonic sum.</param>
    /// <param name="isGauge">Whether it is a gauge (a unit of <c>1</c> becomes <c>_ratio</c>).</param>
    public static string Metric(string name, string? unit, bool isCounter, bool isGauge)
    {
        ArgumentNullException.ThrowIfNull(name);
        var metric = Sanitize(name, allowColon: true);
        var suffix = UnitSuffix(unit, isGauge);
        if (suffix.Length > 0 && !metric.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            metric = $"{metric}_{suffix}";
        }

        if (isCounter && !metric.EndsWith("_total", StringComparison.Ordinal))
        {
            metric += "_total";
        }

        return metric;
    }

    /// <summary>A label name: letters, digits and underscores, not starting with a digit.</summary>
    /// <param name="key">The tag key, e.g. <c>http.request.method</c>.</param>
    public static string Label(string key) => Sanitize(key, allowColon: false);

    /// <summary>A label value escaped for the text format: backslash, double quote and line feed.</summary>
    /// <param name="value">The raw value.</param>
    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>HELP text escaped for the text format: backslash and line feed.</summary>
    /// <param name="help">The raw description.</param>
    public static string EscapeHelp(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        return help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>A sample value as Go's ParseFloat reads it (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, shortest round-trip).</summary>
    /// <param name="value">The value.</param>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>The text of a tag value as a label value (before escaping).</summary>
    /// <param name="value">The tag value.</param>
    public static string LabelText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => Number(d),
        float f => Number(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string UnitSuffix(string? unit, bool isGauge)
    {
        if (string.IsNullOrEmpty(unit))
        {
            return string.Empty;
        }

        if (unit == "1")
        {
            return isGauge ? "ratio" : string.Empty;
        }

        // Annotations in braces ({order}) carry no unit.
        var bare = StripAnnotations(unit);
        if (bare.Length == 0)
        {
            return string.Empty;
        }

        var slash = bare.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var per = Word(bare[(slash + 1)..], perUnit: true);
            var of = Word(bare[..slash], perUnit: false);
            return Sanitize(of.Length == 0 ? $"per_{per}" : $"{of}_per_{per}", allowColon: false);
        }

        return Sanitize(Word(bare, perUnit: false), allowColon: false);
    }

    private static string StripAnnotations(string unit)
    {
        var text = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                text.Append(c);
            }
        }

        return text.ToString().Trim();
    }

    private static string Word(string unit, bool perUnit) => unit switch
    {
        "d" => perUnit ? "day" : "days",
        "h" => perUnit ? "hour" : "hours",
        "min" => perUnit ? "minute" : "minutes",
        "s" => perUnit ? "second" : "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "m" => perUnit ? "meter" : "meters",
        "V" => "volts",
        "A" => "amperes",
        "J" => "joules",
        "W" => "watts",
        "g" => "grams",
        "Cel" => "celsius",
        "Hz" => "hertz",
        "%" => "percent",
        _ => unit,
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (allowColon && c == ':');
            var next = valid ? c : '_';

            // Consecutive underscores collapse to one, as OpenTelemetry's Prometheus mapping asks.
            if (next == '_' && text.Length > 0 && text[^1] == '_')
            {
                continue;
            }

            text.Append(next);
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
