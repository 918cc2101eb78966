using System.Globalization;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Orders;

/// <summary>What the operator's risk limits are checked against.</summary>
/// <param name="Order">The validated order.</param>
/// <param name="MarkTime">When the mark was last updated.</param>
/// <param name="MarkFlaggedStale">True when the market itself has flagged its mark stale (sources disagree or are silent).</param>
/// <param name="Now">The caller's clock.</param>
/// <param name="StaleAfter">How old a mark may be before it is stale.</param>
/// <param name="MaxPositionNotional">The largest position value the operator allows; zero for no limit.</param>
public readonly record struct RiskLimitParameters(
    ValidatedOrder Order,
    DateTimeOffset MarkTime,
    bool MarkFlaggedStale,
    DateTimeOffset Now,
    TimeSpan StaleAfter,
    Money MaxPositionNotional);

/// <summary>
/// Limits that protect the platform whatever the trader's margin: a stale mark accepts only orders that reduce a
/// position (a price nobody can trust must not open risk), and a position may not grow beyond the operator's
/// notional limit. Reducing orders always pass, so a trader can always get out.
/// </summary>
public static class RiskLimits
{
    /// <summary>The refusal, or null when the order is within the limits.</summary>
    public static DomainError? Check(in RiskLimitParameters parameters)
    {
        var order = parameters.Order;
        if (order.ReducesOnly)
        {
            return null;
        }

        if (parameters.MarkFlaggedStale || parameters.Now - parameters.MarkTime > parameters.StaleAfter)
        {
            return Refusals.StaleMark(order.Order.Market.Symbol, parameters.MarkTime.ToString("O", CultureInfo.InvariantCulture));
        }

        if (parameters.MaxPositionNotional.IsPositive && order.ResultingNotional > Exact.Of(parameters.MaxPositionNotional))
        {
            var notional = Exact.ToMoney(order.ResultingNotional, Rounding.Ceiling);
            return Refusals.PositionLimitExceeded(notional.ToString(), parameters.MaxPositionNotional.ToString());
        }

        return null;
    }
}
