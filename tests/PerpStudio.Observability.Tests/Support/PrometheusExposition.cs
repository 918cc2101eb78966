using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PerpStudio.Observability.Tests.Support;

/// <summary>One sample line.</summary>
/// <param name="Name">The sample name (with <c>_bucket</c>, <c>_sum</c>, <c>_count</c> for histograms).</param>
/// <param name="Labels">The labels, unescaped.</param>
/// <param name="Value">The value.</param>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A metric family: its TYPE, HELP and samples.</summary>
/// <param name="Name">The family name as in its TYPE line.</param>
/// <param name="Type">counter, gauge, histogram, summary or untyped.</param>
/// <param name="Help">The unescaped HELP text, or null.</param>
/// <param name="Samples">Its samples in order.</param>
public sealed record PrometheusFamily(string Name, string Type, string? Help, IReadOnlyList<PrometheusSample> Samples);

/// <summary>
/// A strict parser of the Prometheus text format 0.0.4, written from the format's specification: every line ends in
/// a line feed; at most one HELP and one TYPE per family, before its samples; a family's samples are contiguous and
/// named after it; names and label names match the grammar; label values use only the three escapes; no label set
/// repeats; histogram buckets carry <c>le</c>, are cumulative and end with <c>+Inf</c> equal to <c>_count</c>.
/// Anything else throws <see cref="FormatException"/> naming the line.
/// </summary>
public static partial class PrometheusExposition
{
    /// <summary>Parses a whole scrape.</summary>
    /// <param name="text">The response body.</param>
    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the exposition does not end with a line feed");
        }

        var families = new Dictionary<string, Builder>(StringComparer.Ordinal);
        var seenSampleKeys = new HashSet<string>(StringComparer.Ordinal);
        Builder? current = null;
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length - 1; n++)
        {
            var line = lines[n];
            var where = $"line {n + 1} '{line}'";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var match = Comment().Match(line);
                if (!match.Success)
                {
                    if (line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal))
                    {
                        throw new FormatException($"{where}: malformed HELP or TYPE");
                    }

                    continue; // a plain comment
                }

                var name = match.Groups["name"].Value;
                if (!families.TryGetValue(name, out var family))
                {
                    family = new Builder(name);
                    families.Add(name, family);
                }
                else if (family.HasSamples)
                {
                    throw new FormatException($"{where}: {match.Groups["kind"].Value} of {name} after its samples");
                }

                if (current is not null && current != family)
                {
                    current.Closed = true;
                }

                if (family.Closed)
                {
                    throw new FormatException($"{where}: family {name} appears twice");
                }

                current = family;
                var rest = match.Groups["rest"].Value;
                if (match.Groups["kind"].Value == "HELP")
                {
                    family.Help = family.Help is null ? Unescape(rest, help: true, where) : throw new FormatException($"{where}: second HELP");
                }
                else
                {
                    family.Type = family.Type is null
                        ? rest is "counter" or "gauge" or "histogram" or "summary" or "untyped" ? rest : throw new FormatException($"{where}: unknown type")
                        : throw new FormatException($"{where}: second TYPE");
                }

                continue;
            }

            var sample = ParseSample(line, where);
            var owner = current is not null && BelongsTo(sample.Name, current) ? current : null;
            if (owner is null)
            {
                if (families.TryGetValue(sample.Name, out var existing) && existing.Closed)
                {
                    throw new FormatException($"{where}: samples of {sample.Name} are not contiguous");
                }

                current?.Close();
                owner = families.TryGetValue(sample.Name, out existing) ? existing : families[sample.Name] = new Builder(sample.Name);
                current = owner;
            }

            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!seenSampleKeys.Add(key))
            {
                throw new FormatException($"{where}: the sample {key} repeats");
            }

            owner.Samples.Add(sample);
        }

        var result = families.Values.ToDictionary(f => f.Name, f => new PrometheusFamily(f.Name, f.Type ?? "untyped", f.Help, f.Samples), StringComparer.Ordinal);
        foreach (var family in result.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return result;
    }

    private static bool BelongsTo(string sampleName, Builder family) => (family.Type ?? "untyped") switch
    {
        "histogram" => sampleName == family.Name + "_bucket" || sampleName == family.Name + "_sum" || sampleName == family.Name + "_count",
        "summary" => sampleName == family.Name || sampleName == family.Name + "_sum" || sampleName == family.Name + "_count",
        _ => sampleName == family.Name,
    };

    private static void CheckHistogram(PrometheusFamily family)
    {
        foreach (var series in family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}"))))
        {
            var buckets = series.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            if (buckets.Count == 0 || buckets.Any(b => !b.Labels.ContainsKey("le")))
            {
                throw new FormatException($"histogram {family.Name}{{{series.Key}}} has no buckets or a bucket without le");
            }

            var bounds = buckets.Select(b => ParseValue(b.Labels["le"], $"le of {family.Name}")).ToList();
            for (var i = 1; i < buckets.Count; i++)
            {
                if (bounds[i] <= bounds[i - 1] || buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"histogram {family.Name}{{{series.Key}}}: buckets are not increasing and cumulative");
                }
            }

            var count = series.SingleOrDefault(s => s.Name == family.Name + "_count")
                ?? throw new FormatException($"histogram {family.Name}{{{series.Key}}} has no _count");
            _ = series.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"histogram {family.Name}{{{series.Key}}} has no _sum");
            if (!double.IsPositiveInfinity(bounds[^1]) || buckets[^1].Value != count.Value)
            {
                throw new FormatException($"histogram {family.Name}{{{series.Key}}}: the +Inf bucket must be last and equal _count");
            }
        }
    }

    private static PrometheusSample ParseSample(string line, string where)
    {
        var match = SampleName().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"{where}: no metric name");
        }

        var name = match.Value;
        var position = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var labelMatch = LabelName().Match(line, position);
                if (!labelMatch.Success || labelMatch.Index != position)
                {
                    throw new FormatException($"{where}: bad label name at column {position + 1}");
                }

                position += labelMatch.Length;
                if (line[position] != '=' || line[position + 1] != '"')
                {
                    throw new FormatException($"{where}: a label value must follow = in double quotes");
                }

                position += 2;
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        value.Append(line[position + 1] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"{where}: escape \\{line[position + 1]} is not allowed in a label value"),
                        });
                        position += 2;
                    }
                    else
                    {
                        value.Append(line[position++]);
                    }
                }

                position++;
                if (!labels.TryAdd(labelMatch.Value, value.ToString()))
                {
                    throw new FormatException($"{where}: label {labelMatch.Value} repeats");
                }

                if (line[position] == ',')
                {
                    position++;
                }
                else if (line[position] != '}')
                {
                    throw new FormatException($"{where}: expected , or }} at column {position + 1}");
                }
            }

            position++;
        }

        if (position >= line.Length || line[position] != ' ')
        {
            throw new FormatException($"{where}: a single space must separate the value");
        }

        var parts = line[(position + 1)..].Split(' ');
        if (parts.Length is < 1 or > 2)
        {
            throw new FormatException($"{where}: expected a value and an optional timestamp");
        }

        if (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException($"{where}: the timestamp is not an integer");
        }

        return new PrometheusSample(name, labels, ParseValue(parts[0], where));
    }

    private static double ParseValue(string text, string where) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when FloatText().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"{where}: '{text}' is not a value"),
    };

    private static string Unescape(string text, bool help, string where)
    {
        var value = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                value.Append(text[i]);
                continue;
            }

            value.Append(text.Length > i + 1 ? text[++i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when !help => '"',
                var c => throw new FormatException($"{where}: escape \\{c} is not allowed"),
            } : throw new FormatException($"{where}: a lone backslash ends the text"));
        }

        return value.ToString();
    }

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex FloatText();

    private sealed class Builder(string name)
    {
        public string Name { get; } = name;

        public string? Type { get; set; }

        public string? Help { get; set; }

        public List<PrometheusSample> Samples { get; } = [];

        public bool HasSamples => Samples.Count > 0;

        public bool Closed { get; set; }

        public void Close() => Closed = true;
    }
}
