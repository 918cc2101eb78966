namespace PerpStudio.Venues.Routing.Fills;

/// <summary>How the fill feed subscribes and recovers.</summary>
public sealed record FillFeedOptions
{
    /// <summary>
    /// How far before the checkpoint recovery reads history: a fill the stream dropped can hide behind a later one that
    /// moved the checkpoint, so recovery looks back this much (duplicates are dropped by fill id).
    /// </summary>
    public TimeSpan RecoveryLookback { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fills read per history page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Pause before subscribing again after the feed failed.</summary>
    public TimeSpan ResubscribeDelay { get; init; } = TimeSpan.FromSeconds(1);
}
