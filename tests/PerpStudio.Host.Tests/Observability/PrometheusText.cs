using System.Globalization;
using System.Text.RegularExpressions;

namespace PerpStudio.Host.Tests.Observability;

/// <summary>One sample: name, labels, value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A family: its TYPE and samples.</summary>
public sealed record MetricFamily(string Name, string Type, IReadOnlyList<MetricSample> Samples)
{
    /// <summary>The sum of the family's plain samples (counters and gauges).</summary>
    public double Sum() => Samples.Where(s => s.Name == Name).Sum(s => s.Value);
}

/// <summary>
/// Reads the Prometheus text format 0.0.4 as a scraper does: TYPE before samples, samples named after their family,
/// quoted label values with the three escapes; a line that fits none throws <see cref="FormatException"/>.
/// </summary>
public static partial class PrometheusText
{
    /// <summary>Parses a scrape by family name.</summary>
    public static IReadOnlyDictionary<string, MetricFamily> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, List<MetricSample>>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types[parts[2]] = parts.Length == 4 ? parts[3] : throw new FormatException($"bad TYPE line '{line}'");
                samples[parts[2]] = [];
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = Sample().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"'{line}' is not a sample");
            }

            var name = match.Groups["name"].Value;
            var family = types.Keys.Where(f => name == f || name.StartsWith(f + "_", StringComparison.Ordinal)).MaxBy(f => f.Length)
                ?? throw new FormatException($"sample '{line}' has no TYPE before it");
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(
                m => m.Groups["key"].Value,
                m => m.Groups["value"].Value.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal),
                StringComparer.Ordinal);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples[family].Add(new MetricSample(name, labels, value));
        }

        return types.ToDictionary(t => t.Key, t => new MetricFamily(t.Key, t.Value, samples[t.Key]), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\[\\""n])*"",?)*)\})? (?<value>\S+)( -?\d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>([^""\\]|\\[\\""n])*)""")]
    private static partial Regex Label();
}
