using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// Exact values in sub-units: a price unit times a quantity unit, 1e-16 USD; one <see cref="Money"/> unit is
/// <see cref="SubUnitsPerMoney"/> of them. Sizes times prices are kept here until they must become money.
/// </summary>
public static class Exact
{
    /// <summary>Sub-units per money unit (1e10).</summary>
    public const long SubUnitsPerMoney = FixedPoint.NotionalDivisor;

    /// <summary>The signed value of a size at a price, in sub-units, without rounding.</summary>
    public static Int128 Value(Quantity size, Price price) => (Int128)size.Units * price.Units;

    /// <summary>The absolute value of a size at a price, in sub-units.</summary>
    public static Int128 Notional(Quantity size, Price price) => (Int128)Math.Abs(size.Units) * price.Units;

    /// <summary>A money amount in sub-units.</summary>
    public static Int128 Of(Money amount) => (Int128)amount.Units * SubUnitsPerMoney;

    /// <summary>Sub-units to money, rounded as asked.</summary>
    public static Money ToMoney(Int128 subUnits, Rounding rounding) => new(WideDivision.DivideToInt64(subUnits, SubUnitsPerMoney, rounding));

    /// <summary>A sub-unit amount times a rate, to money: <c>subUnits x rate / (1e10 x 1e10)</c>, rounded as asked (in two exact 64-bit steps).</summary>
    public static Money TimesRate(Int128 subUnits, Rate rate, Rounding rounding)
    {
        // nested floor (or ceiling) divisions by positive integers equal the single division: no double rounding
        var scaled = WideDivision.Divide(subUnits * rate.Units, Rate.Scale, rounding);
        return new(WideDivision.DivideToInt64(scaled, SubUnitsPerMoney, rounding));
    }
}
