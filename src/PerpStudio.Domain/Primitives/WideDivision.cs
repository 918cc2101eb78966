using System.Numerics;

namespace PerpStudio.Domain.Primitives;

/// <summary>
/// Division of a 128-bit value by a positive 64-bit divisor, for the margin hot path: the runtime's general
/// 128/128 division is several times slower, and every divisor the margin rules use (1e10, 1e10 x leverage,
/// 1e10 x the tier denominator) fits in 64 bits. Results equal <see cref="FixedPoint.Divide"/> for every rounding.
/// </summary>
public static class WideDivision
{
    /// <summary><c>numerator / divisor</c> rounded as asked, as a 128-bit value (no narrowing). The divisor must be positive.</summary>
    public static Int128 Divide(Int128 numerator, long divisor, Rounding rounding)
    {
        if (divisor <= 0 || numerator == Int128.MinValue || rounding == Rounding.HalfEven)
        {
            return DivideGeneral(numerator, divisor, rounding);
        }

        var negative = numerator < 0;
        var magnitude = (UInt128)(negative ? -numerator : numerator);
        var quotient = DivRem(magnitude, (ulong)divisor, out var remainder);
        if (remainder != 0)
        {
            var up = rounding switch
            {
                Rounding.Floor => negative,
                Rounding.Ceiling => !negative,
                Rounding.AwayFromZero => true,
                _ => false,
            };
            if (up)
            {
                quotient += 1;
            }
        }

        return negative ? -(Int128)quotient : (Int128)quotient;
    }

    /// <summary><c>numerator / divisor</c> rounded as asked and narrowed to 64 bits; throws <see cref="OverflowException"/> beyond.</summary>
    public static long DivideToInt64(Int128 numerator, long divisor, Rounding rounding) => checked((long)Divide(numerator, divisor, rounding));

    /// <summary>Unsigned 128 / 64 division with remainder, as schoolbook long division on the two 64-bit halves.</summary>
    public static UInt128 DivRem(UInt128 numerator, ulong divisor, out ulong remainder)
    {
        var hi = (ulong)(numerator >> 64);
        var lo = (ulong)numerator;
        if (hi == 0)
        {
            var (q, r) = Math.DivRem(lo, divisor);
            remainder = r;
            return q;
        }

        var (quotientHigh, carried) = Math.DivRem(hi, divisor);
        var quotientLow = DivRem128By64(carried, lo, divisor, out remainder);
        return ((UInt128)quotientHigh << 64) | quotientLow;
    }

    // (hi:lo) / d for hi < d, so the quotient fits 64 bits: Knuth's algorithm D on 32-bit digits (Hacker's Delight divlu)
    private static ulong DivRem128By64(ulong hi, ulong lo, ulong d, out ulong remainder)
    {
        const ulong digit = 1UL << 32;
        var shift = BitOperations.LeadingZeroCount(d);
        d <<= shift;
        var un32 = shift == 0 ? hi : (hi << shift) | (lo >> (64 - shift));
        var un10 = lo << shift;
        var vn1 = d >> 32;
        var vn0 = d & 0xFFFFFFFF;
        var un1 = un10 >> 32;
        var un0 = un10 & 0xFFFFFFFF;

        var q1 = un32 / vn1;
        var rhat = un32 - (q1 * vn1);
        while (q1 >= digit || q1 * vn0 > ((rhat << 32) | un1))
        {
            q1--;
            rhat += vn1;
            if (rhat >= digit)
            {
                break;
            }
        }

        var un21 = (un32 << 32) + un1 - (q1 * d);
        var q0 = un21 / vn1;
        rhat = un21 - (q0 * vn1);
        while (q0 >= digit || q0 * vn0 > ((rhat << 32) | un0))
        {
            q0--;
            rhat += vn1;
            if (rhat >= digit)
            {
                break;
            }
        }

        remainder = ((un21 << 32) + un0 - (q0 * d)) >> shift;
        return (q1 << 32) | q0;
    }

    private static Int128 DivideGeneral(Int128 numerator, Int128 divisor, Rounding rounding)
    {
        if (divisor == 0)
        {
            throw new DivideByZeroException();
        }

        var (q, r) = Int128.DivRem(numerator, divisor);
        if (r == 0)
        {
            return q;
        }

        var positive = (numerator > 0) == (divisor > 0);
        return q + rounding switch
        {
            Rounding.Floor => positive ? 0 : -1,
            Rounding.Ceiling => positive ? 1 : 0,
            Rounding.TowardZero => 0,
            Rounding.AwayFromZero => positive ? 1 : -1,
            _ => HalfEven(q, r, divisor, positive),
        };
    }

    private static int HalfEven(Int128 q, Int128 r, Int128 divisor, bool positive)
    {
        var twice = Int128.Abs(r) * 2;
        var abs = Int128.Abs(divisor);
        return twice < abs || (twice == abs && Int128.IsEvenInteger(q)) ? 0 : positive ? 1 : -1;
    }
}
