using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Markets;

/// <summary>
/// The mark from several sources, robust to one bad one: the median of the fresh readings, after discarding those
/// beyond the outlier band around the median of all of them (Hyperliquid's mark is likewise a median of sources).
/// Integer math only; a median of an even count is the floor of the middle two's mean.
/// </summary>
public static class MarkAggregator
{
    /// <summary>Aggregates the latest reading of each source at <paramref name="now"/>.</summary>
    public static MarkAggregate Aggregate(IEnumerable<PriceSourceReading> readings, DateTimeOffset now, MarketPriceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(settings);
        var fresh = readings.Where(r => now - r.Time <= settings.StaleAfter && r.Mark.IsPositive && r.Oracle.IsPositive).ToList();
        if (fresh.Count == 0)
        {
            return new MarkAggregate(Price.Zero, Price.Zero, Rate.Zero, DateTimeOffset.MinValue, [], [], true);
        }

        var center = Median(fresh.Select(r => r.Mark.Units));
        var reach = FixedPoint.MulDiv(center, settings.OutlierBand.Units, Rate.Scale, Rounding.Floor);
        var kept = fresh.Where(r => Math.Abs(r.Mark.Units - center) <= reach).ToList();
        var discarded = fresh.Where(r => Math.Abs(r.Mark.Units - center) > reach).Select(r => r.Source).Order(StringComparer.Ordinal).ToList();
        if (kept.Count == 0)
        {
            // no two sources agree: nothing can be trusted
            return new MarkAggregate(Price.Zero, Price.Zero, Rate.Zero, DateTimeOffset.MinValue, [], discarded, true);
        }

        var rate = Median(kept.Select(r => r.FundingRate.Units));
        var cap = settings.FundingCap.Units;
        return new MarkAggregate(
            new Price(Median(kept.Select(r => r.Mark.Units))),
            new Price(Median(kept.Select(r => r.Oracle.Units))),
            new Rate(Math.Clamp(rate, -cap, cap)),
            kept.Max(r => r.Time),
            kept.Select(r => r.Source).Order(StringComparer.Ordinal).ToList(),
            discarded,
            kept.Count < settings.MinSources);
    }

    /// <summary>
    /// Until when <see cref="Aggregate"/> of these readings gives the same answer: the moment the first fresh reading
    /// turns stale (a stale one never turns fresh again); <see cref="DateTimeOffset.MaxValue"/> when none is fresh.
    /// </summary>
    public static DateTimeOffset SameUntil(IEnumerable<PriceSourceReading> readings, DateTimeOffset now, MarketPriceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(settings);
        var until = DateTimeOffset.MaxValue;
        foreach (var r in readings)
        {
            if (now - r.Time <= settings.StaleAfter && r.Time + settings.StaleAfter < until)
            {
                until = r.Time + settings.StaleAfter;
            }
        }

        return until;
    }

    /// <summary>The median of integers; an even count gives the floor of the middle two's mean.</summary>
    public static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : FixedPoint.Divide((Int128)sorted[mid - 1] + sorted[mid], 2, Rounding.Floor);
    }
}
