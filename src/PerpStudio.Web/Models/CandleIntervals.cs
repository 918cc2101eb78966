namespace PerpStudio.Web.Models;

/// <summary>One candle interval the chart offers.</summary>
/// <param name="Name">Its name in links and headings (1m, 5m, 1h).</param>
/// <param name="Length">The bar's length.</param>
public sealed record CandleInterval(string Name, TimeSpan Length);

/// <summary>The chart's candle intervals: 1m (the default), 5m and 1h.</summary>
public static class CandleIntervals
{
    /// <summary>One minute: the default.</summary>
    public static readonly CandleInterval OneMinute = new("1m", TimeSpan.FromMinutes(1));

    /// <summary>Every interval offered, shortest first.</summary>
    public static IReadOnlyList<CandleInterval> All { get; } = [OneMinute, new("5m", TimeSpan.FromMinutes(5)), new("1h", TimeSpan.FromHours(1))];

    /// <summary>The interval named <paramref name="name"/>, or the default for an unknown or missing name.</summary>
    public static CandleInterval Parse(string? name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal)) ?? OneMinute;
}
