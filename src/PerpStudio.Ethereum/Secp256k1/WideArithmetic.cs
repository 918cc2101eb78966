using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// 64-bit limb primitives with explicit carries. Carries come from comparisons, which the JIT turns into flag
/// instructions (setb/adc), so none of these branch on the values they combine.
/// </summary>
internal static class WideArithmetic
{
    /// <summary>a + b + carryIn; carryOut is 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddCarry(ulong a, ulong b, ulong carryIn, out ulong carryOut)
    {
        var sum = a + b;
        var c1 = sum < a ? 1UL : 0UL;
        var result = sum + carryIn;
        var c2 = result < sum ? 1UL : 0UL;
        carryOut = c1 | c2;
        return result;
    }

    /// <summary>a - b - borrowIn; borrowOut is 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubBorrow(ulong a, ulong b, ulong borrowIn, out ulong borrowOut)
    {
        var difference = a - b;
        var b1 = a < b ? 1UL : 0UL;
        var result = difference - borrowIn;
        var b2 = difference < borrowIn ? 1UL : 0UL;
        borrowOut = b1 | b2;
        return result;
    }

    /// <summary>The low limb of a*b + addend + carry; carry becomes the high limb (the sum always fits 128 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAdd(ulong a, ulong b, ulong addend, ref ulong carry)
    {
        var high = MultiplyHigh(a, b);
        var low = a * b;
        low += addend;
        high += low < addend ? 1UL : 0UL;
        low += carry;
        high += low < carry ? 1UL : 0UL;
        carry = high;
        return low;
    }

    /// <summary>
    /// The high 64 bits of a*b. Math.BigMul's out parameter makes the JIT store the low half to the stack and reload
    /// it; asking for the high half alone (mulx / umulh) and taking the low half as a plain a*b keeps both in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyHigh(ulong a, ulong b)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.MultiplyNoFlags(a, b);
        }

        if (ArmBase.Arm64.IsSupported)
        {
            return ArmBase.Arm64.MultiplyHigh(a, b);
        }

        return Math.BigMul(a, b, out _);
    }

    /// <summary>All ones when value is 0 or 1 and 1 is given, all zeros for 0: turns a bit into a selection mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MaskOf(ulong bit) => 0UL - bit;

    /// <summary>All ones when a == b, else zero, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EqualMask(ulong a, ulong b)
    {
        var x = a ^ b;
        // (x | -x) has its top bit set exactly when x != 0.
        return ((x | (0UL - x)) >> 63) - 1UL;
    }

    /// <summary>The 512-bit square of a3..a0 as t7..t0: the six cross products once, doubled, plus the diagonal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SquareWide(
        ulong a0, ulong a1, ulong a2, ulong a3, out ulong t0, out ulong t1, out ulong t2, out ulong t3, out ulong t4, out ulong t5, out ulong t6, out ulong t7)
    {
        // Cross products a_i * a_j for i < j, landing in limbs 1..6.
        ulong c = 0;
        t1 = MulAdd(a0, a1, 0, ref c);
        t2 = MulAdd(a0, a2, 0, ref c);
        t3 = MulAdd(a0, a3, 0, ref c);
        t4 = c;

        c = 0;
        t3 = MulAdd(a1, a2, t3, ref c);
        t4 = MulAdd(a1, a3, t4, ref c);
        t5 = c;

        c = 0;
        t5 = MulAdd(a2, a3, t5, ref c);
        t6 = c;

        // Double them (a shift left by one bit across the limbs).
        t7 = t6 >> 63;
        t6 = (t6 << 1) | (t5 >> 63);
        t5 = (t5 << 1) | (t4 >> 63);
        t4 = (t4 << 1) | (t3 >> 63);
        t3 = (t3 << 1) | (t2 >> 63);
        t2 = (t2 << 1) | (t1 >> 63);
        t1 <<= 1;

        // Add the squares a_i^2 on the diagonal.
        var h0 = MultiplyHigh(a0, a0);
        t0 = a0 * a0;
        var h1 = MultiplyHigh(a1, a1);
        var s1 = a1 * a1;
        var h2 = MultiplyHigh(a2, a2);
        var s2 = a2 * a2;
        var h3 = MultiplyHigh(a3, a3);
        var s3 = a3 * a3;
        t1 = AddCarry(t1, h0, 0, out var carry);
        t2 = AddCarry(t2, s1, carry, out carry);
        t3 = AddCarry(t3, h1, carry, out carry);
        t4 = AddCarry(t4, s2, carry, out carry);
        t5 = AddCarry(t5, h2, carry, out carry);
        t6 = AddCarry(t6, s3, carry, out carry);
        t7 = AddCarry(t7, h3, carry, out _);
    }
}
