using System.Collections.Immutable;
using System.Globalization;
using PerpStudio.Domain.Markets;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Operators;

/// <summary>
/// Fee revenue per (UTC day, market), bounded: only the last <see cref="DaysKept"/> days before the newest credit are
/// kept, so an operator's state stays small however long it runs. Totals since the start live beside it in the collector.
/// </summary>
public sealed record RevenueBook
{
    /// <summary>How many days of rows are kept, counting back from the newest day credited.</summary>
    public const int DaysKept = 400;

    /// <summary>The market rows of credits recorded without one (before markets were reported).</summary>
    public static readonly MarketId UnknownMarket = new("UNKNOWN");

    /// <summary>Rows by key "yyyy-MM-dd|MARKET".</summary>
    public ImmutableDictionary<string, RevenueRow> Rows { get; init; } = ImmutableDictionary<string, RevenueRow>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The newest day credited, or null.</summary>
    public DateOnly? NewestDay { get; init; }

    /// <summary>The book with one credit counted (the caller deduplicates).</summary>
    public RevenueBook Add(FeeCredit credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        var day = DateOnly.FromDateTime(credit.Time.UtcDateTime);
        var market = string.IsNullOrEmpty(credit.Market.Symbol) ? UnknownMarket : credit.Market;
        var newest = NewestDay is { } n && n > day ? n : day;
        if (day < newest.AddDays(-(DaysKept - 1)))
        {
            // a credit older than the window (a very late outbox delivery) still counts in the totals, not in a row
            return this;
        }

        var key = Key(day, market);
        var row = Rows.TryGetValue(key, out var existing) ? existing : new RevenueRow(day, market, default, default, default, default, default, default, 0);
        var rows = Rows.SetItem(key, row.Plus(credit));
        if (newest != NewestDay)
        {
            var cutoff = newest.AddDays(-(DaysKept - 1));
            rows = rows.RemoveRange(rows.Where(r => r.Value.Day < cutoff).Select(r => r.Key).ToList());
        }

        return new RevenueBook { Rows = rows, NewestDay = newest };
    }

    /// <summary>The rows a query asks for, by day then market, with their sums.</summary>
    public RevenueReport Report(RevenueQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = Rows.Values
            .Where(r => (query.From is not { } from || r.Day >= from) && (query.To is not { } to || r.Day <= to) && (query.Market is not { } m || r.Market == m))
            .OrderBy(r => r.Day).ThenBy(r => r.Market.Symbol, StringComparer.Ordinal)
            .ToImmutableArray();
        DateOnly? oldest = Rows.Count == 0 ? null : Rows.Values.Min(r => r.Day);
        return new RevenueReport(rows, RevenueTotals.Of(rows), oldest);
    }

    private static string Key(DateOnly day, MarketId market) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|" + market.Symbol;
}
