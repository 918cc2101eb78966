namespace PerpStudio.Observability.Tracing;

/// <summary>
/// Settings of traces and metrics, bound from <c>PerpStudio:Telemetry</c> (environment:
/// <c>PerpStudio__Telemetry__OtlpEndpoint</c>, <c>PerpStudio__Telemetry__SamplingRatio</c>, ...).
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "PerpStudio:Telemetry";

    /// <summary>The OTLP protocol over HTTP/2 (the collector's port 4317).</summary>
    public const string GrpcProtocol = "grpc";

    /// <summary>The OTLP protocol as protobuf bodies posted to <c>/v1/traces</c> and <c>/v1/metrics</c> (port 4318).</summary>
    public const string HttpProtobufProtocol = "http/protobuf";

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "perpstudio";

    /// <summary>
    /// The <c>service.instance.id</c> resource attribute; empty for the pod name (<c>POD_NAME</c>, e.g.
    /// <c>perpstudio-2</c>), else the machine name.
    /// </summary>
    public string ServiceInstanceId { get; set; } = string.Empty;

    /// <summary>
    /// The share of new traces recorded, 0 to 1. A span whose parent was sampled (or not) follows its parent, so a
    /// trace is kept or dropped whole across services.
    /// </summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>
    /// The collector's base address (e.g. <c>http://otel-collector:4317</c>); empty exports nothing over OTLP, and then
    /// no span is made at all (metrics are still served on <c>/metrics</c>).
    /// </summary>
    public string OtlpEndpoint { get; set; } = string.Empty;

    /// <summary><see cref="GrpcProtocol"/> (default) or <see cref="HttpProtobufProtocol"/>.</summary>
    public string OtlpProtocol { get; set; } = GrpcProtocol;

    /// <summary>Serve the Prometheus text exposition (pull) besides any OTLP push.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>The activity sources traced when spans are exported; the platform's and ASP.NET Core's/HttpClient's by default. Configuration adds to them.</summary>
    public IList<string> ActivitySources { get; } = [.. PerpStudioInstrumentation.DefaultActivitySources];

    /// <summary>The meters collected; the platform's, ASP.NET Core's, Kestrel's and the .NET runtime's by default. Configuration adds to them.</summary>
    public IList<string> Meters { get; } = [.. PerpStudioInstrumentation.DefaultMeters];

    /// <summary>Throws with the configuration key when a setting is invalid.</summary>
    public void Validate()
    {
        if (double.IsNaN(SamplingRatio) || SamplingRatio is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(SamplingRatio), SamplingRatio, $"{SectionName}:{nameof(SamplingRatio)} must be between 0 and 1");
        }

        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            throw new ArgumentException($"{SectionName}:{nameof(ServiceName)} must not be empty", nameof(ServiceName));
        }

        if (OtlpProtocol is not (GrpcProtocol or HttpProtobufProtocol))
        {
            throw new ArgumentException(
                $"{SectionName}:{nameof(OtlpProtocol)} is '{OtlpProtocol}'; use '{GrpcProtocol}' or '{HttpProtobufProtocol}'", nameof(OtlpProtocol));
        }

        if (OtlpEndpoint.Length > 0
            && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException(
                $"{SectionName}:{nameof(OtlpEndpoint)} is '{OtlpEndpoint}'; it must be an absolute http or https address", nameof(OtlpEndpoint));
        }
    }

    /// <summary>The instance id used when <see cref="ServiceInstanceId"/> is empty.</summary>
    public string ResolveInstanceId()
    {
        if (ServiceInstanceId.Length > 0)
        {
            return ServiceInstanceId;
        }

        var pod = Environment.GetEnvironmentVariable("POD_NAME");
        return string.IsNullOrWhiteSpace(pod) ? Environment.MachineName : pod;
    }
}
