using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace PerpStudio.Observability.Prometheus;

/// <summary>
/// A pull-style metric reader: each scrape collects the meter provider's cumulative metrics right then and renders
/// them as Prometheus text. Scrapes are serialized, so two concurrent scrapes never interleave their output.
/// </summary>
public sealed class PrometheusScraper
{
    private readonly TextExporter _exporter = new();
    private readonly SemaphoreSlim _scrape = new(1, 1);

    /// <summary>Creates the reader; add <see cref="Reader"/> to a meter provider.</summary>
    public PrometheusScraper() => Reader = new BaseExportingMetricReader(_exporter);

    /// <summary>The text exposition content type.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The reader to add to a meter provider builder.</summary>
    public MetricReader Reader { get; }

    /// <summary>Collects now and returns the exposition text.</summary>
    /// <param name="cancellationToken">Cancels waiting for a scrape in progress.</param>
    /// <exception cref="InvalidOperationException">The meter provider is disposed or collection timed out.</exception>
    public async Task<string> ScrapeAsync(CancellationToken cancellationToken = default)
    {
        await _scrape.WaitAsync(cancellationToken);
        try
        {
            _exporter.Text.Clear();
            _exporter.Capturing = true;
            if (!Reader.Collect(5000))
            {
                throw new InvalidOperationException("metrics collection failed (the meter provider is shut down, or collection timed out)");
            }

            return _exporter.Text.ToString();
        }
        finally
        {
            _exporter.Capturing = false;
            _scrape.Release();
        }
    }

    /// <summary>
    /// Renders each collected batch into the buffer of the scrape in progress. It keeps the default (push) export mode:
    /// the SDK lets only its own Prometheus exporter pull, and a plain <see cref="BaseExportingMetricReader"/> never
    /// exports on a timer, so collection still happens only when a scrape (or a flush) asks for it.
    /// </summary>
    private sealed class TextExporter : BaseExporter<Metric>
    {
        public StringBuilder Text { get; } = new();

        // A flush of the meter provider collects too; only a scrape's collection is rendered.
        public volatile bool Capturing;

        public override ExportResult Export(in Batch<Metric> batch)
        {
            if (!Capturing)
            {
                return ExportResult.Success;
            }

            var families = new HashSet<string>(StringComparer.Ordinal);
            foreach (var metric in batch)
            {
                PrometheusTextWriter.Write(Text, metric, families);
            }

            return ExportResult.Success;
        }
    }
}
