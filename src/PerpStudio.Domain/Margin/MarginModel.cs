using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>What initial margin is asked for: a size at a price with a leverage, in a market.</summary>
/// <param name="Market">The market's rules.</param>
/// <param name="Size">Position size (sign ignored).</param>
/// <param name="Price">Mark (or order) price.</param>
/// <param name="Leverage">Integer leverage, 1 to the max of the tier the notional falls in.</param>
public readonly record struct InitialMarginParameters(MarketRules Market, Quantity Size, Price Price, int Leverage);

/// <summary>Initial margin: |size| x price / leverage, rounded up.</summary>
/// <param name="Value">The margin.</param>
/// <param name="MaxLeverage">The max leverage of the tier the notional falls in.</param>
public readonly record struct InitialMargin(Money Value, int MaxLeverage);

/// <summary>What maintenance margin is asked for.</summary>
/// <param name="Market">The market's rules.</param>
/// <param name="Size">Position size (sign ignored).</param>
/// <param name="Mark">Mark price.</param>
public readonly record struct MaintenanceMarginParameters(MarketRules Market, Quantity Size, Price Mark);

/// <summary>Maintenance margin with the tier it came from.</summary>
/// <param name="Value">notional x rate_tier - deduction_tier, rounded up.</param>
/// <param name="Tier">The tier the notional falls in.</param>
/// <param name="Rate">The tier's rate 1/(2 x max leverage) (rounded up to 1e-10 for display; the value is exact).</param>
/// <param name="Deduction">The tier's deduction (rounded down for display).</param>
public readonly record struct MaintenanceMargin(Money Value, int Tier, Rate Rate, Money Deduction);

/// <summary>
/// The margin rules of one position in the shape of a buying-power model: a parameters value in, a result value out,
/// so that rules can grow without breaking callers. Hyperliquid's semantics; see <see cref="MarginRounding"/> for rounding.
/// </summary>
public static class MarginModel
{
    /// <summary>The 10% of position value that must always remain after a removal or withdrawal.</summary>
    public const int TransferFloorDivisor = 10;

    /// <summary>Initial margin for a size at a price and leverage. Refuses leverage outside 1..tier max and non-positive prices.</summary>
    public static Result<InitialMargin> InitialMargin(InitialMarginParameters parameters)
    {
        if (parameters.Market is null)
        {
            return Refusals.Required("market");
        }

        if (!parameters.Price.IsPositive)
        {
            return Refusals.NotPositive("price", parameters.Price.ToString());
        }

        var notional = Exact.Notional(parameters.Size, parameters.Price);
        var max = parameters.Market.Table.MaxLeverageAt(notional);
        if (parameters.Leverage < 1 || parameters.Leverage > max)
        {
            return Refusals.LeverageOutOfRange(parameters.Leverage, max);
        }

        return new InitialMargin(InitialMarginOf(notional, parameters.Leverage), max);
    }

    /// <summary>Tiered maintenance margin at a mark.</summary>
    public static Result<MaintenanceMargin> MaintenanceMargin(MaintenanceMarginParameters parameters)
    {
        if (parameters.Market is null)
        {
            return Refusals.Required("market");
        }

        if (!parameters.Mark.IsPositive)
        {
            return Refusals.MarkNotPositive(parameters.Mark.ToString());
        }

        var table = parameters.Market.Table;
        var notional = Exact.Notional(parameters.Size, parameters.Mark);
        var tier = table.TierAt(notional);
        return new MaintenanceMargin(table.MaintenanceMargin(notional), tier, table.MaintenanceRate(tier), table.Deduction(tier));
    }

    /// <summary>Initial margin of a notional in sub-units at a leverage (&gt;= 1), rounded up.</summary>
    public static Money InitialMarginOf(Int128 notionalSubUnits, int leverage) =>
        new(WideDivision.DivideToInt64(notionalSubUnits, Exact.SubUnitsPerMoney * Math.Clamp(leverage, 1, 100_000), MarginRounding.Requirement));

    /// <summary>max(initial margin, 10% of the notional rounded up): what a removal or withdrawal must leave.</summary>
    public static Money TransferFloorOf(Int128 notionalSubUnits, Money initialMargin) =>
        Money.Max(initialMargin, new Money(WideDivision.DivideToInt64(notionalSubUnits, Exact.SubUnitsPerMoney * TransferFloorDivisor, MarginRounding.Requirement)));

    /// <summary>Maintenance / equity rounded up to the rate scale, or null when equity is not positive.</summary>
    public static Rate? Ratio(Money maintenance, Money equity) =>
        equity.IsPositive ? new Rate(FixedPoint.MulDiv(maintenance.Units, Rate.Scale, equity.Units, MarginRounding.Requirement)) : null;
}
