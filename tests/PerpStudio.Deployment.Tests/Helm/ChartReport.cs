using System.Text.Json;
using PerpStudio.Testing;

namespace PerpStudio.Deployment.Tests.Helm;

/// <summary>
/// Runs <c>chart_check.py</c> with Debian's python3 and PyYAML over a chart: Chart.yaml, values.yaml, every template
/// with its actions replaced (control lines dropped, whole-line output actions as comments, inline ones as the scalar
/// <c>PLACEHOLDER</c>), the <c>.Values</c> paths used, and how each value is documented.
/// </summary>
public static class ChartReport
{
    private static readonly Lazy<Task<JsonElement>> Shipped = new(() => OfAsync(RepoRoot.Combine("helm", "perpstudio")));

    /// <summary>The report of helm/perpstudio (computed once per test run).</summary>
    public static Task<JsonElement> OfShippedChartAsync() => Shipped.Value;

    /// <summary>The report of the chart in <paramref name="chartDirectory"/>.</summary>
    /// <param name="chartDirectory">A folder with Chart.yaml, values.yaml, templates/ and README.md.</param>
    public static async Task<JsonElement> OfAsync(string chartDirectory)
    {
        var script = RepoRoot.Combine("tests", "PerpStudio.Deployment.Tests", "chart_check.py");
        var result = await ExternalProcess.DebianPythonAsync(script, [chartDirectory]);
        if (result.ExitCode == 3)
        {
            throw new InvalidOperationException("Debian package python3-yaml is missing: " + result.StandardError.Trim());
        }

        result.EnsureSuccess();
        using var report = JsonDocument.Parse(result.StandardOutput);
        return report.RootElement.Clone();
    }

    /// <summary>The strings of an array property.</summary>
    public static string[] Strings(this JsonElement report, string property) =>
        [.. report.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The one document of a template, or the document of <paramref name="kind"/> in it.</summary>
    public static JsonElement Document(this JsonElement report, string template, string? kind = null) =>
        report.GetProperty("templates").GetProperty(template).EnumerateArray()
            .Single(d => kind is null || d.GetProperty("kind").GetString() == kind);
}
