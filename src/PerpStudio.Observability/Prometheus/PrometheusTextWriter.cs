using System.Globalization;
using System.Text;
using OpenTelemetry.Metrics;

namespace PerpStudio.Observability.Prometheus;

/// <summary>
/// Writes collected metrics in the Prometheus text exposition format 0.0.4: a HELP and TYPE line per family, then
/// its samples; counters as <c>counter</c>, gauges and up-down counters as <c>gauge</c>, explicit-bucket histograms as
/// cumulative <c>_bucket{le=...}</c>, <c>_sum</c> and <c>_count</c>.
/// </summary>
internal static class PrometheusTextWriter
{
    public static void Write(StringBuilder text, Metric metric, HashSet<string> writtenFamilies)
    {
        var type = metric.MetricType;
        if (type == MetricType.ExponentialHistogram)
        {
            return; // no text-format equivalent; only configured explicitly, never by our defaults
        }

        var isCounter = type is MetricType.LongSum or MetricType.DoubleSum;
        var isGauge = type is MetricType.LongGauge or MetricType.DoubleGauge or MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic;
        var name = PrometheusNames.Metric(metric.Name, metric.Unit, isCounter, isGauge);

        // A family may appear once in a scrape: a second instrument mapping to the same name is left out.
        if (!writtenFamilies.Add(name))
        {
            return;
        }

        if (!string.IsNullOrEmpty(metric.Description))
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(PrometheusNames.EscapeHelp(metric.Description)).Append('\n');
        }

        text.Append("# TYPE ").Append(name).Append(' ')
            .Append(isCounter ? "counter" : type == MetricType.Histogram ? "histogram" : "gauge").Append('\n');

        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = Labels(point);
            switch (type)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Sample(text, name, labels, null, point.GetSumLong().ToString(CultureInfo.InvariantCulture));
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Sample(text, name, labels, null, PrometheusNames.Number(point.GetSumDouble()));
                    break;
                case MetricType.LongGauge:
                    Sample(text, name, labels, null, point.GetGaugeLastValueLong().ToString(CultureInfo.InvariantCulture));
                    break;
                case MetricType.DoubleGauge:
                    Sample(text, name, labels, null, PrometheusNames.Number(point.GetGaugeLastValueDouble()));
                    break;
                case MetricType.Histogram:
                    WriteHistogram(text, name, labels, point);
                    break;
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, string name, string labels, in MetricPoint point)
    {
        long cumulative = 0;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            Sample(text, name + "_bucket", labels, PrometheusNames.Number(bucket.ExplicitBound), cumulative.ToString(CultureInfo.InvariantCulture));
        }

        Sample(text, name + "_sum", labels, null, PrometheusNames.Number(point.GetHistogramSum()));
        Sample(text, name + "_count", labels, null, point.GetHistogramCount().ToString(CultureInfo.InvariantCulture));
    }

    private static string Labels(in MetricPoint point)
    {
        var labels = new StringBuilder();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            var label = PrometheusNames.Label(tag.Key);
            if (label == "le" || !names.Add(label))
            {
                continue; // "le" belongs to histogram buckets; a repeated name would make the sample invalid
            }

            labels.Append(labels.Length == 0 ? "" : ",")
                .Append(label).Append("=\"").Append(PrometheusNames.EscapeLabelValue(PrometheusNames.LabelText(tag.Value))).Append('"');
        }

        return labels.ToString();
    }

    private static void Sample(StringBuilder text, string name, string labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length == 0 ? "" : ",").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }
}
