using System.Runtime.CompilerServices;
using static PerpStudio.Ethereum.Secp256k1.WideArithmetic;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// Products mod p: a 512-bit schoolbook product folded twice with 2^256 = 2^32 + 977 (mod p). Multiply and Square are
/// deliberately not forced inline: callers stay small enough for the JIT to inline the limb helpers inside them.
/// </summary>
internal readonly partial struct FieldElement
{
    public static FieldElement Multiply(in FieldElement a, in FieldElement b)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
        ulong b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;

        ulong c = 0;
        var t0 = MulAdd(a0, b0, 0, ref c);
        var t1 = MulAdd(a0, b1, 0, ref c);
        var t2 = MulAdd(a0, b2, 0, ref c);
        var t3 = MulAdd(a0, b3, 0, ref c);
        var t4 = c;

        c = 0;
        t1 = MulAdd(a1, b0, t1, ref c);
        t2 = MulAdd(a1, b1, t2, ref c);
        t3 = MulAdd(a1, b2, t3, ref c);
        t4 = MulAdd(a1, b3, t4, ref c);
        var t5 = c;

        c = 0;
        t2 = MulAdd(a2, b0, t2, ref c);
        t3 = MulAdd(a2, b1, t3, ref c);
        t4 = MulAdd(a2, b2, t4, ref c);
        t5 = MulAdd(a2, b3, t5, ref c);
        var t6 = c;

        c = 0;
        t3 = MulAdd(a3, b0, t3, ref c);
        t4 = MulAdd(a3, b1, t4, ref c);
        t5 = MulAdd(a3, b2, t5, ref c);
        t6 = MulAdd(a3, b3, t6, ref c);
        var t7 = c;

        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>a^2: the 512-bit square (10 limb products) reduced mod p.</summary>
    public static FieldElement Square(in FieldElement a)
    {
        SquareWide(a.L0, a.L1, a.L2, a.L3, out var t0, out var t1, out var t2, out var t3, out var t4, out var t5, out var t6, out var t7);
        return Reduce(t0, t1, t2, t3, t4, t5, t6, t7);
    }

    /// <summary>Reduces the 512-bit t7..t0 mod p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static FieldElement Reduce(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7)
    {
        // First fold: low + high * (2^32 + 977) fits in 256 + 34 bits.
        ulong c = 0;
        var r0 = MulAdd(t4, FoldFactor, t0, ref c);
        var r1 = MulAdd(t5, FoldFactor, t1, ref c);
        var r2 = MulAdd(t6, FoldFactor, t2, ref c);
        var r3 = MulAdd(t7, FoldFactor, t3, ref c);

        // Second fold of the 34-bit top limb: its product with the factor is below 2^67.
        var high = MultiplyHigh(c, FoldFactor);
        var low = c * FoldFactor;
        r0 = AddCarry(r0, low, 0, out var carry);
        r1 = AddCarry(r1, high, carry, out carry);
        r2 = AddCarry(r2, 0, carry, out carry);
        r3 = AddCarry(r3, 0, carry, out carry);

        // The value is now r + carry * 2^256 < 2^256 + 2^67 < 2p: one conditional subtraction of p finishes.
        return SubtractPOnce(r0, r1, r2, r3, carry);
    }
}
