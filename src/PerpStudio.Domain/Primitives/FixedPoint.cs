namespace PerpStudio.Domain.Primitives;

/// <summary>
/// Exact integer arithmetic on scaled values: products are formed in 128 bits so they never overflow
/// before the division that brings them back to a unit, and every division names its rounding.
/// </summary>
public static class FixedPoint
{
    /// <summary>Units per whole for prices (8 decimals: every venue's prices fit).</summary>
    public const long PriceScale = 100_000_000;

    /// <summary>Units per whole for sizes in base asset (8 decimals).</summary>
    public const long QuantityScale = 100_000_000;

    /// <summary>Units per whole for money: micro-USDC, the collateral's smallest unit.</summary>
    public const long MoneyScale = 1_000_000;

    /// <summary>Units per whole for rates (fees, funding, maintenance): 10 decimals.</summary>
    public const long RateScale = 10_000_000_000;

    /// <summary>Price units x quantity units / this = money units.</summary>
    public const long NotionalDivisor = PriceScale * QuantityScale / MoneyScale;

    /// <summary>Computes <c>a * b / divisor</c> exactly, rounding as asked. Throws <see cref="OverflowException"/> when the result exceeds 64 bits.</summary>
    public static long MulDiv(long a, long b, long divisor, Rounding rounding) =>
        Divide((Int128)a * b, divisor, rounding);

    /// <summary>Divides a 128-bit value by a positive or negative divisor, rounding as asked.</summary>
    public static long Divide(Int128 numerator, Int128 divisor, Rounding rounding)
    {
        if (divisor == 0)
        {
            throw new DivideByZeroException();
        }

        var quotient = Int128.DivRem(numerator, divisor);
        var q = quotient.Quotient;
        var r = quotient.Remainder;
        if (r != 0)
        {
            // sign of the exact result: positive when numerator and divisor share a sign
            var positive = (numerator > 0) == (divisor > 0);
            q += rounding switch
            {
                Rounding.Floor => positive ? 0 : -1,
                Rounding.Ceiling => positive ? 1 : 0,
                Rounding.TowardZero => 0,
                Rounding.AwayFromZero => positive ? 1 : -1,
                Rounding.HalfEven => HalfEvenAdjustment(q, r, divisor, positive),
                _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
            };
        }

        return checked((long)q);
    }

    private static int HalfEvenAdjustment(Int128 q, Int128 r, Int128 divisor, bool positive)
    {
        var twiceRemainder = Int128.Abs(r) * 2;
        var absDivisor = Int128.Abs(divisor);
        if (twiceRemainder < absDivisor || (twiceRemainder == absDivisor && Int128.IsEvenInteger(q)))
        {
            return 0;
        }

        return positive ? 1 : -1;
    }

    /// <summary>Rounds a scaled value to a multiple of <paramref name="step"/> (step &gt; 0).</summary>
    public static long RoundToStep(long value, long step, Rounding rounding) =>
        checked(Divide(value, step, rounding) * step);
}
