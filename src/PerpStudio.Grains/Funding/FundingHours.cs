using System.Globalization;
using PerpStudio.Domain.Markets;

namespace PerpStudio.Grains.Funding;

/// <summary>Funding intervals: whole UTC hours, and the id of a market's hour.</summary>
public static class FundingHours
{
    /// <summary>One interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The latest whole hour at or before <paramref name="time"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>How long from <paramref name="now"/> to the next whole hour (a whole hour when on one).</summary>
    public static TimeSpan UntilNext(DateTimeOffset now) => Floor(now) + Interval - now;

    /// <summary>The id every charge of the market's hour carries: "BTC-USD:2026-01-01T05".</summary>
    public static string Id(MarketId market, DateTimeOffset hour) =>
        $"{market.Symbol}:{Floor(hour).ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture)}";
}
