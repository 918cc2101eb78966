using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using static PerpStudio.Ethereum.Secp256k1.WideArithmetic;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// Products mod n by Montgomery multiplication (R = 2^256) and inversion by Fermat's little theorem, a^(n-2), with a
/// fixed 4-bit window: the exponent is public, so the sequence of operations is the same for every a.
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
        Span<Scalar> powers = stackalloc Scalar[16];
        powers[0] = MontgomeryOne;
        powers[1] = MontgomeryMultiply(a, RSquared);
        for (var i = 2; i < 16; i++)
        {
            powers[i] = MontgomeryMultiply(powers[i - 1], powers[1]);
        }

        // n - 2, most significant nibble first; the exponent is public, so indexing by its nibbles leaks nothing.
        var exponent = new Scalar(N0 - 2, N1, N2, N3);
        var result = powers[exponent.Nibble(63)];
        for (var i = 62; i >= 0; i--)
        {
            result = MontgomeryMultiply(result, result);
            result = MontgomeryMultiply(result, result);
            result = MontgomeryMultiply(result, result);
            result = MontgomeryMultiply(result, result);
            result = MontgomeryMultiply(result, powers[exponent.Nibble(i)]);
        }

        powers.Clear();
        return MontgomeryMultiply(result, One);
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
