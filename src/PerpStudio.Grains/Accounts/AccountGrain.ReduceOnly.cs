using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Accounts;

/// <summary>Reduce-only orders kept within the position they close as it shrinks.</summary>
public sealed partial class AccountGrain
{
    /// <summary>
    /// After a fill changed a position: cancels the open reduce-only orders on it that no longer fit (see
    /// <see cref="ReduceOnlyBudget.Overhang"/>). Venues receive them without the flag (this account enforces it), so an
    /// order left resting beyond the position, such as the stop-loss of a position its take-profit closed, would open
    /// the opposite position when it fired. A cancel the venue refuses leaves the order as it is; the next fill retries.
    /// </summary>
    private async Task CancelOverhangingReduceOnlyAsync(MarketId market, MarginMode mode, Quantity position)
    {
        var open = S.Orders.Values
            .Select(r => r.View)
            .Where(v => !v.IsTerminal && v.Request.ReduceOnly && v.Request.Market == market && v.Request.MarginMode == mode)
            .OrderBy(v => v.CreatedAt)
            .ThenBy(v => v.OrderId, StringComparer.Ordinal)
            .ToList();
        if (open.Count == 0)
        {
            return;
        }

        var overhang = ReduceOnlyBudget.Overhang(position, [.. open.Select(v => (v.Request, v.Request.Size - v.FilledSize))]);
        foreach (var index in overhang)
        {
            await CancelOrderAsync(open[index].OrderId);
        }
    }
}
