namespace PerpStudio.Venues.Routing;

/// <summary>How the router prices and sends.</summary>
public sealed record RouterOptions
{
    /// <summary>Levels a side fetched from each venue's book.</summary>
    public int BookDepth { get; init; } = 50;

    /// <summary>How long a venue's market list is reused before it is fetched again.</summary>
    public TimeSpan MarketsRefresh { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait between lookups of an order whose placement timed out, while the venue does not answer.</summary>
    public TimeSpan ResolveRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The most venues one plan leg is tried at (the planned one and its re-routes).</summary>
    public int MaxAttemptsPerLeg { get; init; } = 8;
}
