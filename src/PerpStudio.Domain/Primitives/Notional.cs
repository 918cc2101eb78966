namespace PerpStudio.Domain.Primitives;

/// <summary>The products that cross units: price x size = money, money x rate = money.</summary>
public static class Notional
{
    /// <summary>|size| x price in money units, rounded as asked.</summary>
    public static Money Of(Quantity size, Price price, Rounding rounding) =>
        new(FixedPoint.MulDiv(Math.Abs(size.Units), price.Units, FixedPoint.NotionalDivisor, rounding));

    /// <summary>size x price keeping the sign of the size (a short's value is negative).</summary>
    public static Money Signed(Quantity size, Price price, Rounding rounding) =>
        new(FixedPoint.MulDiv(size.Units, price.Units, FixedPoint.NotionalDivisor, rounding));

    /// <summary>amount x rate, rounded as asked.</summary>
    public static Money Times(this Money amount, Rate rate, Rounding rounding) =>
        new(FixedPoint.MulDiv(amount.Units, rate.Units, FixedPoint.RateScale, rounding));
}
