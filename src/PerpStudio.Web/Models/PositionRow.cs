using PerpStudio.Api.Application;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Web.Models;

/// <summary>A position as the positions table shows it, with its margin ratio, ROE and alert state.</summary>
/// <param name="Detail">The position and its TP/SL.</param>
/// <param name="MarginRatio">Maintenance margin over the equity backing it (the position's own for isolated, the account's for cross); null when that equity is not positive.</param>
/// <param name="ReturnOnEquity">Unrealized PnL over the margin backing the position; null when there is none.</param>
/// <param name="Alerting">True when the margin ratio has reached the trader's alert threshold.</param>
public sealed record PositionRow(PositionDetail Detail, Rate? MarginRatio, Rate? ReturnOnEquity, bool Alerting)
{
    /// <summary>The position.</summary>
    public PositionView View => Detail.View;

    /// <summary>The rows of <paramref name="positions"/>, alerting at <paramref name="threshold"/> (null: no alerts).</summary>
    public static IReadOnlyList<PositionRow> Of(IReadOnlyList<PositionDetail> positions, AccountSummary summary, Rate? threshold)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(summary);
        return [.. positions.Select(p =>
        {
            var view = p.View;
            var ratio = view.Mode == MarginMode.Isolated
                ? Ratio(view.MaintenanceMargin, view.Margin + view.UnrealizedPnl)
                : summary.MarginRatio;
            var backing = view.Mode == MarginMode.Isolated ? view.Margin : view.InitialMargin;
            var roe = backing.IsPositive ? Ratio(view.UnrealizedPnl, backing) : null;
            var alerting = threshold is { } t && (ratio is null ? !view.Size.IsZero : ratio.Value.Units >= t.Units);
            return new PositionRow(p, ratio, roe, alerting);
        })];
    }

    /// <summary>numerator / denominator as an exact rate (truncated to the rate's scale); null when the denominator is not positive.</summary>
    public static Rate? Ratio(Money numerator, Money denominator)
    {
        if (!denominator.IsPositive)
        {
            return null;
        }

        var units = (Int128)numerator.Units * Rate.Scale / denominator.Units;
        return units > long.MaxValue || units < long.MinValue ? null : new Rate((long)units);
    }
}
