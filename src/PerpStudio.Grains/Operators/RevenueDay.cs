using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Operators;

/// <summary>One UTC day of an operator's fee revenue, a row per market, each credit counted once.</summary>
public sealed record RevenueDay
{
    /// <summary>The market rows of credits recorded without one (before markets were reported).</summary>
    public static readonly MarketId UnknownMarket = new("UNKNOWN");

    /// <summary>Rows by market symbol.</summary>
    public ImmutableDictionary<string, RevenueRow> Rows { get; init; } = ImmutableDictionary<string, RevenueRow>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The highest outbox sequence counted per account on this day: credits at or below it are repeats.</summary>
    public ImmutableDictionary<string, long> LastSequence { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The day with the credit counted, or this day unchanged when the credit is a repeat.</summary>
    public RevenueDay Add(FeeCredit credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        if (LastSequence.TryGetValue(credit.AccountKey, out var last) && credit.Sequence <= last)
        {
            return this;
        }

        var day = DayOf(credit);
        var market = string.IsNullOrEmpty(credit.Market.Symbol) ? UnknownMarket : credit.Market;
        var row = Rows.TryGetValue(market.Symbol, out var existing) ? existing : new RevenueRow(day, market, default, default, default, default, default, default, 0);
        return new RevenueDay { Rows = Rows.SetItem(market.Symbol, row.Plus(credit)), LastSequence = LastSequence.SetItem(credit.AccountKey, credit.Sequence) };
    }

    /// <summary>The UTC day a credit is reported on.</summary>
    public static DateOnly DayOf(FeeCredit credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        return DateOnly.FromDateTime(credit.Time.UtcDateTime);
    }
}

/// <summary>
/// Which UTC days have revenue rows, bounded: only the last <see cref="DaysKept"/> days before the newest credit are
/// kept, so the collector's own state stays small however long an operator runs.
/// </summary>
public sealed record RevenueWindow
{
    /// <summary>How many days of rows are kept, counting back from the newest day credited.</summary>
    public const int DaysKept = 400;

    /// <summary>Days with rows, oldest first.</summary>
    public ImmutableArray<DateOnly> Days { get; init; } = [];

    /// <summary>The first day still kept when <paramref name="newest"/> is the newest.</summary>
    public static DateOnly CutoffFor(DateOnly newest) => newest.AddDays(-(DaysKept - 1));

    /// <summary>True when a credit of <paramref name="day"/> still gets a row (a very late delivery may not).</summary>
    public bool Keeps(DateOnly day) => Days.IsDefaultOrEmpty || day >= CutoffFor(Days[^1]);

    /// <summary>The window with <paramref name="day"/> in it, and the days that fell out of it.</summary>
    public (RevenueWindow Window, ImmutableArray<DateOnly> Dropped) Add(DateOnly day)
    {
        var days = Days.IsDefault ? [] : Days;
        if (days.Contains(day))
        {
            return (this, []);
        }

        var all = days.Add(day).Sort();
        var cutoff = CutoffFor(all[^1]);
        return (new RevenueWindow { Days = [.. all.Where(d => d >= cutoff)] }, [.. all.Where(d => d < cutoff)]);
    }
}
