namespace PerpStudio.Venues.Routing.Health;

/// <summary>How each venue's circuit breaker and call timeout behave (Polly's circuit breaker and timeout strategies).</summary>
public sealed record VenueCircuitOptions
{
    /// <summary>The share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio counts (Polly requires 2 or more).</summary>
    public int MinimumThroughput { get; init; } = 4;

    /// <summary>The window over which failures are counted.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit keeps the venue out of plans before one probe is let through (half-open).</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest one venue call may take before it counts as a timeout.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
