using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// Turns a Domain liquidation price into the price an index entry is placed at. The Domain solves the exact root of
/// equity = maintenance; its liquidation test compares money rounded against the trader (PnL floored, maintenance
/// rounded up: at most two units per position in scope), so a position can test liquidatable a hair before the exact
/// root. The entry is moved toward the mark by that much (and by any extra <c>widening</c>), so the index never misses
/// one: a false candidate costs one re-check, a missed one is a bug.
/// </summary>
public static class LiquidationEntryPrice
{
    /// <summary>A long entry crossed by every mark.</summary>
    public const long AlwaysLong = long.MaxValue;

    /// <summary>A short entry crossed by every mark.</summary>
    public const long AlwaysShort = 0;

    /// <summary>
    /// The entry price in price units, or null when the position can never be liquidated through its own price.
    /// A null Domain price means "never" for a long and "at any price" for a short (the Domain gives shorts no other null).
    /// </summary>
    /// <param name="solved">The Domain's liquidation price (rounded to the tick toward harm).</param>
    /// <param name="size">The signed size.</param>
    /// <param name="positionsInScope">Positions whose rounding enters the test (isolated: 1; cross: the account's).</param>
    /// <param name="widening">Extra price units toward the mark (a multi-market cross account's band), zero for none.</param>
    public static long? For(Price? solved, Quantity size, int positionsInScope, long widening = 0)
    {
        var sign = size.Sign;
        if (sign == 0)
        {
            return null;
        }

        var toward = Saturating(Guard(size, positionsInScope), widening);
        if (solved is not { } price)
        {
            // a long that stays above maintenance even at zero: only marks within the guard of zero can test liquidatable
            return sign > 0 ? toward : AlwaysShort;
        }

        return sign > 0 ? Saturating(price.Units, toward) : Math.Max(AlwaysShort, price.Units - toward);
    }

    /// <summary>
    /// ceil(4 x n x 1e10 / |size units|) price units: 2n money units of rounding (1e10 sub-units each) over the slowest
    /// change of equity minus maintenance per price unit, |size| x (1 - rate) with the rate at most 1/2.
    /// </summary>
    public static long Guard(Quantity size, int positionsInScope) =>
        Ceiling((Int128)4 * Math.Max(1, positionsInScope) * Exact.SubUnitsPerMoney, Math.Abs(size.Units));

    /// <summary>ceil(numerator / divisor) for positive values, saturated to long.</summary>
    internal static long Ceiling(Int128 numerator, long divisor)
    {
        var q = (numerator + divisor - 1) / divisor;
        return q > long.MaxValue ? long.MaxValue : (long)q;
    }

    private static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
