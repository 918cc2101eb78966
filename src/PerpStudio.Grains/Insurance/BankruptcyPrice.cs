using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Insurance;

/// <summary>
/// The price at which a position's scope has zero equity: p_b = mark - equity / size (the scope's equity moves by
/// size per unit of price). Rounded so that closing there never costs the bankrupt trader more than the equity it has:
/// a long's up, a short's down.
/// </summary>
public static class BankruptcyPrice
{
    /// <summary>The bankruptcy price of a position of <paramref name="size"/> whose scope has <paramref name="equity"/> at <paramref name="mark"/>.</summary>
    public static Price Of(Price mark, Quantity size, Money equity)
    {
        if (size.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "a flat position has no bankruptcy price");
        }

        // equity / size in price units: money units x 1e10 / size units (see Exact)
        var shift = FixedPoint.Divide((Int128)equity.Units * Exact.SubUnitsPerMoney, size.Units, size.Sign > 0 ? Rounding.Floor : Rounding.Ceiling);
        return new Price(Math.Max(1, mark.Units - shift));
    }
}
