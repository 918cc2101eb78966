using System.Globalization;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>One scrape of a member's <c>/metrics</c> (Prometheus text), read by metric name and labels.</summary>
internal sealed class MemberMetrics
{
    private readonly IReadOnlyList<(string Name, string Labels, double Value)> _samples;

    private MemberMetrics(IReadOnlyList<(string, string, double)> samples) => _samples = samples;

    /// <summary>Scrapes <paramref name="webAddress"/>/metrics.</summary>
    public static async Task<MemberMetrics> ScrapeAsync(HttpClient http, Uri webAddress)
    {
        var text = await http.GetStringAsync(new Uri(webAddress, "/metrics"));
        var samples = new List<(string, string, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var split = line.LastIndexOf(' ');
            var series = line[..split];
            var brace = series.IndexOf('{', StringComparison.Ordinal);
            var name = brace < 0 ? series : series[..brace];
            var labels = brace < 0 ? string.Empty : series[brace..];
            samples.Add((name, labels, double.Parse(line[(split + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return new MemberMetrics(samples);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> carrying every one of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => _samples
        .Where(s => s.Name == name && labels.All(l => s.Labels.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
        .Sum(s => s.Value);

    /// <summary>Whether any sample of <paramref name="name"/> exists.</summary>
    public bool Has(string name) => _samples.Any(s => s.Name == name);
}
