namespace PerpStudio.Venues.Contract;

/// <summary>Whether a venue can take orders.</summary>
public enum VenueHealthStatus
{
    /// <summary>Working normally.</summary>
    Up,

    /// <summary>Working but slow, partially failing, or with stale data: route elsewhere when possible.</summary>
    Degraded,

    /// <summary>Not reachable or not accepting orders.</summary>
    Down,
}

/// <summary>The result of a health probe.</summary>
/// <param name="Status">Up, degraded or down.</param>
/// <param name="Latency">Round-trip time of the probe.</param>
/// <param name="CheckedAt">When the probe finished.</param>
/// <param name="Detail">Why it is not up, or empty.</param>
public sealed record VenueHealth(VenueHealthStatus Status, TimeSpan Latency, DateTimeOffset CheckedAt, string Detail);
