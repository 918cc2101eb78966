using System.Collections.Immutable;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Accounts;

/// <summary>A day's traded notional.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Notional">Notional traded that day.</param>
public sealed record VolumeBucket(DateOnly Day, Money Notional);

/// <summary>
/// A trader's traded notional in daily buckets over the fee-tier window (the UTC day and the 29 before it); older buckets
/// are dropped, so it never holds more than <see cref="WindowDays"/> entries.
/// </summary>
public sealed record TradingVolume
{
    /// <summary>The trailing window, in UTC days including today.</summary>
    public const int WindowDays = 30;

    /// <summary>Buckets, oldest day first.</summary>
    public ImmutableArray<VolumeBucket> Buckets { get; init; } = [];

    /// <summary>The notional traded in the window ending on <paramref name="today"/>.</summary>
    public Money TrailingAt(DateOnly today)
    {
        var first = today.AddDays(-(WindowDays - 1));
        var sum = Money.Zero;
        foreach (var b in Buckets.IsDefault ? [] : Buckets)
        {
            if (b.Day >= first && b.Day <= today)
            {
                sum += b.Notional;
            }
        }

        return sum;
    }

    /// <summary>The volume with <paramref name="notional"/> added to <paramref name="day"/>, buckets outside the window dropped.</summary>
    public TradingVolume Add(DateOnly day, Money notional)
    {
        var first = day.AddDays(-(WindowDays - 1));
        var kept = (Buckets.IsDefault ? [] : Buckets).Where(b => b.Day >= first).ToList();
        var index = kept.FindIndex(b => b.Day == day);
        if (index >= 0)
        {
            kept[index] = kept[index] with { Notional = kept[index].Notional + notional };
        }
        else
        {
            kept.Add(new VolumeBucket(day, notional));
            kept.Sort((a, b) => a.Day.CompareTo(b.Day));
        }

        return new TradingVolume { Buckets = [.. kept] };
    }
}
