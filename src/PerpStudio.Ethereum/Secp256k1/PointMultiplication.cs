namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// Variable-base multiplication k*P by width-5 NAF: about 256 doublings and 43 additions of precomputed odd multiples.
/// It branches on the digits of k, so it is for public scalars only (recovery, table checks).
/// </summary>
internal static class PointMultiplication
{
    private const int Width = 5;

    // Odd multiples P, 3P, ..., 15P: a width-5 NAF digit is odd and its magnitude below 2^(5-1).
    private const int OddMultiples = 1 << (Width - 2);

    public static JacobianPoint Multiply(in JacobianPoint point, in Scalar k)
    {
        Span<sbyte> digits = stackalloc sbyte[257];
        var length = Naf(k, digits);

        Span<JacobianPoint> multiples = stackalloc JacobianPoint[OddMultiples];
        multiples[0] = point;
        var twice = JacobianPoint.Double(point);
        for (var i = 1; i < OddMultiples; i++)
        {
            multiples[i] = JacobianPoint.Add(multiples[i - 1], twice);
        }

        var result = JacobianPoint.Infinity;
        for (var i = length - 1; i >= 0; i--)
        {
            result = JacobianPoint.Double(result);
            int digit = digits[i];
            if (digit > 0)
            {
                result = JacobianPoint.Add(result, multiples[digit >> 1]);
            }
            else if (digit < 0)
            {
                result = JacobianPoint.Add(result, JacobianPoint.Negate(multiples[-digit >> 1]));
            }
        }

        return result;
    }

    /// <summary>
    /// Writes the width-5 non-adjacent form of k, least significant digit first, and returns its length: every
    /// nonzero digit is odd, in (-16, 16), and followed by at least four zeros.
    /// </summary>
    internal static int Naf(in Scalar k, Span<sbyte> digits)
    {
        // k < n < 2^256 - 16, so adding back a negative digit never overflows four limbs.
        ulong l0 = k.L0, l1 = k.L1, l2 = k.L2, l3 = k.L3;
        var length = 0;
        while ((l0 | l1 | l2 | l3) != 0)
        {
            var digit = 0;
            if ((l0 & 1) != 0)
            {
                digit = (int)(l0 & ((1 << Width) - 1));
                if (digit >= 1 << (Width - 1))
                {
                    digit -= 1 << Width;
                }

                // k -= digit
                if (digit > 0)
                {
                    l0 = WideArithmetic.SubBorrow(l0, (ulong)digit, 0, out var borrow);
                    l1 = WideArithmetic.SubBorrow(l1, 0, borrow, out borrow);
                    l2 = WideArithmetic.SubBorrow(l2, 0, borrow, out borrow);
                    l3 = WideArithmetic.SubBorrow(l3, 0, borrow, out _);
                }
                else
                {
                    l0 = WideArithmetic.AddCarry(l0, (ulong)-digit, 0, out var carry);
                    l1 = WideArithmetic.AddCarry(l1, 0, carry, out carry);
                    l2 = WideArithmetic.AddCarry(l2, 0, carry, out carry);
                    l3 = WideArithmetic.AddCarry(l3, 0, carry, out _);
                }
            }

            digits[length++] = (sbyte)digit;
            l0 = (l0 >> 1) | (l1 << 63);
            l1 = (l1 >> 1) | (l2 << 63);
            l2 = (l2 >> 1) | (l3 << 63);
            l3 >>= 1;
        }

        return length;
    }
}
