using System.Globalization;
using PerpStudio.Api.MarketData;

namespace PerpStudio.Web.Models;

/// <summary>One candle drawn: wick from high to low, body from open to close, in SVG user units.</summary>
/// <param name="X">Centre x.</param>
/// <param name="WickTop">y of the high.</param>
/// <param name="WickBottom">y of the low.</param>
/// <param name="BodyTop">y of the body's top.</param>
/// <param name="BodyHeight">Height of the body (at least 1).</param>
/// <param name="Rising">True when close ≥ open.</param>
/// <param name="Label">Accessible text: time and OHLC.</param>
public sealed record CandleShape(decimal X, decimal WickTop, decimal WickBottom, decimal BodyTop, decimal BodyHeight, bool Rising, string Label);

/// <summary>Lays candles out in an SVG view box: time along x, price (high to low of the window) along y.</summary>
public static class CandleChart
{
    /// <summary>View box width.</summary>
    public const int Width = 600;

    /// <summary>View box height.</summary>
    public const int Height = 240;

    /// <summary>Left and right margin.</summary>
    public const int Pad = 8;

    /// <summary>
    /// The shapes of <paramref name="candles"/> (oldest first), scaled to the window's high and low, in
    /// <paramref name="slots"/> slots (at least one per candle) filled from the right: a young market's few candles stay
    /// candle-sized at the right edge, where the newest trade is.
    /// </summary>
    public static IReadOnlyList<CandleShape> Layout(IReadOnlyList<CandleBar> candles, int slots = TradeDesk.CandlesShown)
    {
        ArgumentNullException.ThrowIfNull(candles);
        if (candles.Count == 0)
        {
            return [];
        }

        var high = candles.Max(c => c.High.ToDecimal());
        var low = candles.Min(c => c.Low.ToDecimal());
        var span = high - low == 0 ? 1m : high - low;
        var count = Math.Max(slots, candles.Count);
        var first = count - candles.Count;
        var step = (decimal)(Width - (2 * Pad)) / count;
        decimal Y(decimal price) => Math.Round(Pad + ((high - price) / span * (Height - (2 * Pad))), 2);
        return [.. candles.Select((c, i) =>
        {
            var open = c.Open.ToDecimal();
            var close = c.Close.ToDecimal();
            var top = Y(Math.Max(open, close));
            var bottom = Y(Math.Min(open, close));
            var label = string.Create(CultureInfo.InvariantCulture, $"{c.OpenTime.UtcDateTime:HH:mm} open {c.Open} high {c.High} low {c.Low} close {c.Close}");
            return new CandleShape(Math.Round(Pad + (step * (first + i)) + (step / 2), 2), Y(c.High.ToDecimal()), Y(c.Low.ToDecimal()), top, Math.Max(1m, bottom - top), close >= open, label);
        })];
    }

    /// <summary>The body width for <paramref name="count"/> candles in <paramref name="slots"/> slots.</summary>
    public static decimal BodyWidth(int count, int slots = TradeDesk.CandlesShown) =>
        count == 0 ? 0 : Math.Max(1m, Math.Round((decimal)(Width - (2 * Pad)) / Math.Max(count, slots) * 0.6m, 2));

    /// <summary>The time the chart covers for <paramref name="interval"/>, in words ("60 minutes", "5 hours", "60 hours").</summary>
    public static string Span(CandleInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var span = interval.Length * TradeDesk.CandlesShown;
        return span.TotalHours >= 2
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} hours")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minutes");
    }

    /// <summary>The window's low and high in words, for readers of the chart's text.</summary>
    public static string Range(IReadOnlyList<CandleBar> candles)
    {
        ArgumentNullException.ThrowIfNull(candles);
        return candles.Count == 0
            ? string.Empty
            : $"Low {candles.Min(c => c.Low)} · high {candles.Max(c => c.High)} · last {candles[^1].Close}";
    }

    /// <summary>Invariant text of an SVG coordinate.</summary>
    public static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
