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
}
