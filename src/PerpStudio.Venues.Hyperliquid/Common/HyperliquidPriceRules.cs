using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>
/// Hyperliquid's increments for perpetuals: sizes are multiples of 10^-szDecimals; a price has at most 5 significant
/// figures and at most (6 - szDecimals) decimals, except that an integer price is always accepted. Rounding always
/// names its direction, so that a buy's price is never silently raised nor a sell's lowered.
/// </summary>
public static class HyperliquidPriceRules
{
    /// <summary>The most decimals any perp price may have.</summary>
    public const int MaxPerpDecimals = 6;

    /// <summary>The most significant figures of a non-integer price.</summary>
    public const int MaxSignificantFigures = 5;

    /// <summary>The smallest order value Hyperliquid accepts, in USDC.</summary>
    public static readonly Money MinOrderValue = Money.Of(10m);

    /// <summary>The size increment of an asset.</summary>
    public static Quantity LotSize(int szDecimals)
    {
        CheckSzDecimals(szDecimals);
        return new Quantity(Pow10(8 - szDecimals));
    }

    /// <summary>The finest price step the decimals rule allows, 10^-(6 - szDecimals).</summary>
    public static Price FinestTick(int szDecimals)
    {
        CheckSzDecimals(szDecimals);
        return new Price(Pow10(8 - (MaxPerpDecimals - szDecimals)));
    }

    /// <summary>The price step at the magnitude of <paramref name="reference"/>: the coarser of the 5-figure step and the finest tick, never above 1.</summary>
    public static Price TickAt(Price reference, int szDecimals)
    {
        var finest = FinestTick(szDecimals).Units;
        if (!reference.IsPositive)
        {
            return new Price(finest);
        }

        var digits = DigitCount(reference.Units);
        // the step of the fifth significant figure, in price units
        var step = digits > MaxSignificantFigures ? Pow10(digits - MaxSignificantFigures) : 1;
        step = Math.Max(step, finest);
        return new Price(Math.Min(step, Price.Scale));
    }

    /// <summary>True when Hyperliquid accepts the price for an asset with these size decimals.</summary>
    public static bool IsValidPrice(Price price, int szDecimals)
    {
        if (!price.IsPositive)
        {
            return false;
        }

        return price.Units % TickAt(price, szDecimals).Units == 0;
    }

    /// <summary>Rounds a positive price to an accepted one in the direction given.</summary>
    public static Price RoundPrice(Price price, int szDecimals, Rounding rounding)
    {
        if (!price.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "a price must be positive");
        }

        var rounded = FixedPoint.RoundToStep(price.Units, TickAt(price, szDecimals).Units, rounding);
        // rounding up can carry into a new digit (99999.5 -> 100000), where the step is coarser: settle once more
        var settled = FixedPoint.RoundToStep(rounded, TickAt(new Price(rounded), szDecimals).Units, rounding);
        return new Price(settled);
    }

    /// <summary>Rounds a size to the asset's lot in the direction given.</summary>
    public static Quantity RoundSize(Quantity size, int szDecimals, Rounding rounding) =>
        new(FixedPoint.RoundToStep(size.Units, LotSize(szDecimals).Units, rounding));

    private static int DigitCount(long units)
    {
        var digits = 0;
        for (var v = units; v > 0; v /= 10)
        {
            digits++;
        }

        return digits;
    }

    private static long Pow10(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static void CheckSzDecimals(int szDecimals)
    {
        if (szDecimals is < 0 or > MaxPerpDecimals)
        {
            throw new ArgumentOutOfRangeException(nameof(szDecimals), szDecimals, "szDecimals of a perp is 0 to 6");
        }
    }
}
