using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PerpStudio.Observability.Prometheus;

namespace PerpStudio.Observability.Tracing;

/// <summary>
/// The process's tracer and meter providers, built from <see cref="TelemetryOptions"/> without the OpenTelemetry
/// hosting package. Disposing it flushes what is buffered and stops listening.
/// </summary>
public sealed class PerpStudioTelemetry : IDisposable
{
    /// <summary>Builds both providers; they listen from now on.</summary>
    /// <param name="options">Validated settings.</param>
    public PerpStudioTelemetry(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var instanceId = options.ResolveInstanceId();
        void Resource(ResourceBuilder r) => r.AddService(options.ServiceName, serviceInstanceId: instanceId, autoGenerateServiceInstanceId: false);

        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(Resource)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)));
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(Resource)
            .AddMeter([.. options.Meters]);

        if (options.OtlpEndpoint.Length > 0)
        {
            // Spans are made only when something exports them: with no exporter every span would be built and
            // dropped on every request. The default batch processor exports on its own thread, never inside the call.
            tracing.AddSource([.. options.ActivitySources]).AddOtlpExporter(o => Configure(o, options, "v1/traces"));
            metrics.AddOtlpExporter(o => Configure(o, options, "v1/metrics"));
        }

        if (options.PrometheusEnabled)
        {
            Prometheus = new PrometheusScraper();
            metrics.AddReader(Prometheus.Reader);
        }

        TracerProvider = tracing.Build();
        MeterProvider = metrics.Build();
    }

    /// <summary>The settings in use.</summary>
    public TelemetryOptions Options { get; }

    /// <summary>Receives the spans of the configured sources.</summary>
    public TracerProvider TracerProvider { get; }

    /// <summary>Collects the configured meters.</summary>
    public MeterProvider MeterProvider { get; }

    /// <summary>The pull reader behind <c>/metrics</c>; null when <see cref="TelemetryOptions.PrometheusEnabled"/> is off.</summary>
    public PrometheusScraper? Prometheus { get; }

    /// <summary>Exports everything buffered now (tests, shutdown); true when both providers finished in time.</summary>
    /// <param name="timeoutMilliseconds">How long to wait.</param>
    public bool ForceFlush(int timeoutMilliseconds = 5000) =>
        TracerProvider.ForceFlush(timeoutMilliseconds) & MeterProvider.ForceFlush(timeoutMilliseconds);

    /// <inheritdoc/>
    public void Dispose()
    {
        TracerProvider.Dispose();
        MeterProvider.Dispose();
    }

    private static void Configure(OtlpExporterOptions otlp, TelemetryOptions options, string signalPath)
    {
        var endpoint = new Uri(options.OtlpEndpoint, UriKind.Absolute);
        if (options.OtlpProtocol == TelemetryOptions.HttpProtobufProtocol)
        {
            // An endpoint set in code is used as is for HTTP: the signal's path is ours to append.
            otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            var path = endpoint.AbsolutePath.TrimEnd('/');
            otlp.Endpoint = path.EndsWith(signalPath, StringComparison.Ordinal)
                ? endpoint
                : new UriBuilder(endpoint) { Path = $"{path}/{signalPath}" }.Uri;
        }
        else
        {
            otlp.Protocol = OtlpExportProtocol.Grpc;
            otlp.Endpoint = endpoint;
        }
    }
}
