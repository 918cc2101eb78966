namespace PerpStudio.Venues.Routing.Reconciliation;

/// <summary>How often and how far back reconciliation looks.</summary>
public sealed record ReconcilerOptions
{
    /// <summary>Period of the scheduled check.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back venue fills and applied fills are compared to explain a difference.</summary>
    public TimeSpan FillWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Fills read per history page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>True to recover unapplied fills into the sink after each scheduled check.</summary>
    public bool RecoverOnSchedule { get; init; }
}
