namespace PerpStudio.Domain.Margin;

/// <summary>
/// When funding is due: Hyperliquid settles funding every hour on the hour. The domain keeps no clock; callers pass
/// the instants (from their <see cref="TimeProvider"/>).
/// </summary>
public static class FundingSchedule
{
    /// <summary>The funding interval: one hour.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The first settlement instant strictly after <paramref name="instant"/> (the next whole hour, UTC).</summary>
    public static DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        return hour.AddHours(1);
    }

    /// <summary>
    /// How many settlements fall in (<paramref name="lastSettled"/>, <paramref name="now"/>]: each is paid once, so a
    /// caller that settled up to <paramref name="lastSettled"/> owes exactly these. Zero when now is not later.
    /// </summary>
    public static int DueBetween(DateTimeOffset lastSettled, DateTimeOffset now)
    {
        if (now <= lastSettled)
        {
            return 0;
        }

        var first = NextAfter(lastSettled);
        return first > now ? 0 : (int)((now.ToUniversalTime() - first).Ticks / Interval.Ticks) + 1;
    }
}
