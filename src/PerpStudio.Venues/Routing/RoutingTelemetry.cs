using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PerpStudio.Venues.Routing;

/// <summary>
/// The router's metrics and traces, under one name: Meter and ActivitySource "PerpStudio.Routing". Subscribe by name
/// (OpenTelemetry's AddMeter / AddSource, or a MeterListener / ActivityListener).
/// </summary>
public static class RoutingTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "PerpStudio.Routing";

    /// <summary>Legs routed, tagged venue and route kind.</summary>
    public const string DecisionsInstrument = "perpstudio.routing.decisions";

    /// <summary>Venue call latency in milliseconds, tagged venue and operation.</summary>
    public const string LatencyInstrument = "perpstudio.routing.venue.latency";

    /// <summary>Venue call failures, tagged venue, operation and error.</summary>
    public const string ErrorsInstrument = "perpstudio.routing.venue.errors";

    /// <summary>Circuit breaker openings, tagged venue.</summary>
    public const string BreakerOpensInstrument = "perpstudio.routing.breaker.opens";

    /// <summary>Fills handed to the sink by the fill feed or recovery, tagged venue and source.</summary>
    public const string FillsInstrument = "perpstudio.routing.fills";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Decisions = Meter.CreateCounter<long>(DecisionsInstrument, "{leg}", "Legs routed to each venue");

    // latency is a measurement, not money: double is the instrument's natural type
    internal static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(LatencyInstrument, "ms", "Venue call latency");

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsInstrument, "{error}", "Venue call failures");

    internal static readonly Counter<long> BreakerOpens = Meter.CreateCounter<long>(BreakerOpensInstrument, "{open}", "Circuit breaker openings");

    internal static readonly Counter<long> Fills = Meter.CreateCounter<long>(FillsInstrument, "{fill}", "Fills handed to the sink");
}
