using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using static PerpStudio.Ethereum.Secp256k1.WideArithmetic;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// Products mod n by Montgomery multiplication (R = 2^256) and inversion by Fermat's little theorem, a^(n-2), with a
/// fixed addition chain: the exponent is public, so the sequence of operations is the same for every a.
/// </summary>
internal readonly partial struct Scalar
{
    // -n^-1 mod 2^64, the Montgomery reduction factor (the BigInteger-checked products in the tests pin it).
    private const ulong NegativeInverseN0 = 0x4B0DFF665588B13FUL;

    // R^2 mod n converts into the Montgomery domain; R mod n is one there.
    private static readonly Scalar RSquared = FromBigInteger(BigInteger.ModPow(2, 512, Order));

    private static readonly Scalar MontgomeryOne = FromBigInteger(BigInteger.ModPow(2, 256, Order));

    /// <summary>The group order n as an integer, for the one-time constant setup.</summary>
    private static BigInteger Order => (new BigInteger(N3) << 192) + (new BigInteger(N2) << 128) + (new BigInteger(N1) << 64) + N0;

    public static Scalar Multiply(in Scalar a, in Scalar b) => MontgomeryMultiply(MontgomeryMultiply(a, b), RSquared);

    /// <summary>a^-1 mod n, and 0 for 0.</summary>
    public static Scalar Invert(in Scalar a)
    {
        // n - 2 = (2^127 - 1) * 2^129 + LowExponent: the 127 leading ones by a doubling chain of runs of ones
        // (x_k is a raised to k one bits), then the low 129 bits by a 4-bit sliding window over odd powers.
        var x1 = MontgomeryMultiply(a, RSquared);
        var x2 = MontgomeryMultiply(MontgomerySquare(x1), x1);
        var x3 = MontgomeryMultiply(MontgomerySquare(x2), x1);
        var x6 = MontgomeryMultiply(SquareTimes(x3, 3), x3);
        var x12 = MontgomeryMultiply(SquareTimes(x6, 6), x6);
        var x24 = MontgomeryMultiply(SquareTimes(x12, 12), x12);
        var x48 = MontgomeryMultiply(SquareTimes(x24, 24), x24);
        var x96 = MontgomeryMultiply(SquareTimes(x48, 48), x48);
        var x120 = MontgomeryMultiply(SquareTimes(x96, 24), x24);
        var x126 = MontgomeryMultiply(SquareTimes(x120, 6), x6);
        var result = MontgomeryMultiply(MontgomerySquare(x126), x1);

        // Odd powers x^1, x^3, ..., x^15 for the window.
        Span<Scalar> odd = stackalloc Scalar[8];
        var xSquared = MontgomerySquare(x1);
        odd[0] = x1;
        for (var i = 1; i < 8; i++)
        {
            odd[i] = MontgomeryMultiply(odd[i - 1], xSquared);
        }

        // The exponent is public, so branching on its bits and indexing by its windows leaks nothing about a.
        var bit = 128;
        while (bit >= 0)
        {
            if (!LowExponentBit(bit))
            {
                result = MontgomerySquare(result);
                bit--;
                continue;
            }

            // The longest window [low, bit] of at most 4 bits that ends in a one bit.
            var low = Math.Max(bit - 3, 0);
            while (!LowExponentBit(low))
            {
                low++;
            }

            var window = 0;
            for (var i = bit; i >= low; i--)
            {
                result = MontgomerySquare(result);
                window = (window << 1) | (LowExponentBit(i) ? 1 : 0);
            }

            result = MontgomeryMultiply(result, odd[window >> 1]);
            bit = low - 1;
        }

        odd.Clear();
        return MontgomeryMultiply(result, One);

        static Scalar SquareTimes(Scalar x, int times)
        {
            for (var i = 0; i < times; i++)
            {
                x = MontgomerySquare(x);
            }

            return x;
        }
    }

    /// <summary>Bit i (0..128) of the low 129 bits of n - 2: bit 128 is the zero after the run of ones.</summary>
    private static bool LowExponentBit(int i) => i switch
    {
        < 64 => (((N0 - 2) >> i) & 1) != 0,
        < 128 => ((N1 >> (i - 64)) & 1) != 0,
        _ => false,
    };

    /// <summary>a^2 * 2^-256 mod n: the 512-bit square, then Montgomery reduction (26 limb products instead of 32).</summary>
    private static Scalar MontgomerySquare(in Scalar a)
    {
        SquareWide(a.L0, a.L1, a.L2, a.L3, out var t0, out var t1, out var t2, out var t3, out var t4, out var t5, out var t6, out var t7);

        // Four rounds each clear the lowest limb by adding m * n; overflow bits ride along to the next round's top limb.
        var m = t0 * NegativeInverseN0;
        ulong c = 0;
        _ = MulAdd(m, N0, t0, ref c);
        t1 = MulAdd(m, N1, t1, ref c);
        t2 = MulAdd(m, N2, t2, ref c);
        t3 = MulAdd(m, N3, t3, ref c);
        t4 = AddCarry(t4, c, 0, out var overflow);

        m = t1 * NegativeInverseN0;
        c = 0;
        _ = MulAdd(m, N0, t1, ref c);
        t2 = MulAdd(m, N1, t2, ref c);
        t3 = MulAdd(m, N2, t3, ref c);
        t4 = MulAdd(m, N3, t4, ref c);
        t5 = AddCarry(t5, c, overflow, out overflow);

        m = t2 * NegativeInverseN0;
        c = 0;
        _ = MulAdd(m, N0, t2, ref c);
        t3 = MulAdd(m, N1, t3, ref c);
        t4 = MulAdd(m, N2, t4, ref c);
        t5 = MulAdd(m, N3, t5, ref c);
        t6 = AddCarry(t6, c, overflow, out overflow);

        m = t3 * NegativeInverseN0;
        c = 0;
        _ = MulAdd(m, N0, t3, ref c);
        t4 = MulAdd(m, N1, t4, ref c);
        t5 = MulAdd(m, N2, t5, ref c);
        t6 = MulAdd(m, N3, t6, ref c);
        t7 = AddCarry(t7, c, overflow, out overflow);

        // (a^2 + m * n) / 2^256 < (n^2 + 2^256 n) / 2^256 < 2n.
        return SubtractNOnce(t4, t5, t6, t7, overflow);
    }

    /// <summary>a * b * 2^-256 mod n (CIOS), for a, b below n.</summary>
    private static Scalar MontgomeryMultiply(in Scalar a, in Scalar b)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        MontgomeryRound(a0, a1, a2, a3, b.L0, ref t0, ref t1, ref t2, ref t3, ref t4);
        MontgomeryRound(a0, a1, a2, a3, b.L1, ref t0, ref t1, ref t2, ref t3, ref t4);
        MontgomeryRound(a0, a1, a2, a3, b.L2, ref t0, ref t1, ref t2, ref t3, ref t4);
        MontgomeryRound(a0, a1, a2, a3, b.L3, ref t0, ref t1, ref t2, ref t3, ref t4);
        return SubtractNOnce(t0, t1, t2, t3, t4);
    }

    /// <summary>t = (t + a * bi + m * n) / 2^64 with m chosen so the division is exact; t stays below 2n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MontgomeryRound(ulong a0, ulong a1, ulong a2, ulong a3, ulong bi, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3, ref ulong t4)
    {
        ulong c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = AddCarry(t4, c, 0, out var t5);

        var m = t0 * NegativeInverseN0;
        c = 0;
        _ = MulAdd(m, N0, t0, ref c);
        t0 = MulAdd(m, N1, t1, ref c);
        t1 = MulAdd(m, N2, t2, ref c);
        t2 = MulAdd(m, N3, t3, ref c);
        t3 = AddCarry(t4, c, 0, out var carry);
        t4 = t5 + carry;
    }

    private static Scalar FromBigInteger(BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return new Scalar(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }
}
