using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using static PerpStudio.Ethereum.Secp256k1.WideArithmetic;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// An integer mod the group order n as four little-endian 64-bit limbs, fully reduced. Products go through
/// Montgomery multiplication; every operation is branch-free on the values, so private keys and nonces can pass
/// through it.
/// </summary>
internal readonly partial struct Scalar : IEquatable<Scalar>
{
    public const ulong N0 = 0xBFD25E8CD0364141UL;
    public const ulong N1 = 0xBAAEDCE6AF48A03BUL;
    public const ulong N2 = 0xFFFFFFFFFFFFFFFEUL;
    public const ulong N3 = 0xFFFFFFFFFFFFFFFFUL;

    public static readonly Scalar Zero = default;

    public static readonly Scalar One = new(1, 0, 0, 0);

    // floor(n / 2): s above it is the high, malleable half (EIP-2).
    private const ulong HalfN0 = 0xDFE92F46681B20A0UL;
    private const ulong HalfN1 = 0x5D576E7357A4501DUL;
    private const ulong HalfN2 = 0xFFFFFFFFFFFFFFFFUL;
    private const ulong HalfN3 = 0x7FFFFFFFFFFFFFFFUL;

    public readonly ulong L0;
    public readonly ulong L1;
    public readonly ulong L2;
    public readonly ulong L3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Scalar(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    /// <summary>True when the value is above n/2.</summary>
    public bool IsHigh
    {
        get
        {
            _ = SubBorrow(HalfN0, L0, 0, out var borrow);
            _ = SubBorrow(HalfN1, L1, borrow, out borrow);
            _ = SubBorrow(HalfN2, L2, borrow, out borrow);
            _ = SubBorrow(HalfN3, L3, borrow, out borrow);
            return borrow == 1;
        }
    }

    /// <summary>Reads 32 big-endian bytes; false when the value is n or more (the value is then left unreduced).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes32, out Scalar value)
    {
        value = ReadRaw(bytes32);
        return IsBelowN(value.L0, value.L1, value.L2, value.L3);
    }

    /// <summary>Reads 32 big-endian bytes reduced mod n (a hash as ECDSA uses it).</summary>
    public static Scalar ReadReduced(ReadOnlySpan<byte> bytes32)
    {
        var raw = ReadRaw(bytes32);
        return SubtractNOnce(raw.L0, raw.L1, raw.L2, raw.L3, 0);
    }

    /// <summary>Writes the value as 32 big-endian bytes.</summary>
    public void Write(Span<byte> destination32)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination32, L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[8..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[16..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[24..], L0);
    }

    /// <summary>
    /// Bits [offset, offset + width) of the value (width at most 32; bits past 255 read as zero). It branches on the
    /// public offset only, never on the value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Bits(int offset, int width)
    {
        var index = offset >> 6;
        var shift = offset & 63;
        var low = Limb(index) >> shift;
        if (shift + width > 64 && index < 3)
        {
            low |= Limb(index + 1) << (64 - shift);
        }

        return (int)(low & ((1UL << width) - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Limb(int index) => index switch
    {
        0 => L0,
        1 => L1,
        2 => L2,
        _ => L3,
    };

    public static Scalar Add(in Scalar a, in Scalar b)
    {
        var r0 = AddCarry(a.L0, b.L0, 0, out var carry);
        var r1 = AddCarry(a.L1, b.L1, carry, out carry);
        var r2 = AddCarry(a.L2, b.L2, carry, out carry);
        var r3 = AddCarry(a.L3, b.L3, carry, out carry);
        return SubtractNOnce(r0, r1, r2, r3, carry);
    }

    /// <summary>n - a, and 0 for 0.</summary>
    public static Scalar Negate(in Scalar a)
    {
        var r0 = SubBorrow(N0, a.L0, 0, out var borrow);
        var r1 = SubBorrow(N1, a.L1, borrow, out borrow);
        var r2 = SubBorrow(N2, a.L2, borrow, out borrow);
        var r3 = SubBorrow(N3, a.L3, borrow, out _);
        var nonZero = ~EqualMask(a.L0 | a.L1 | a.L2 | a.L3, 0);
        return new Scalar(r0 & nonZero, r1 & nonZero, r2 & nonZero, r3 & nonZero);
    }

    private static Scalar ReadRaw(ReadOnlySpan<byte> bytes32) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes32[24..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes32[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes32[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes32));

    private static bool IsBelowN(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        _ = SubBorrow(l0, N0, 0, out var borrow);
        _ = SubBorrow(l1, N1, borrow, out borrow);
        _ = SubBorrow(l2, N2, borrow, out borrow);
        _ = SubBorrow(l3, N3, borrow, out borrow);
        return borrow == 1;
    }

    /// <summary>Reduces r + topCarry * 2^256, known to be below 2n, into [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Scalar SubtractNOnce(ulong r0, ulong r1, ulong r2, ulong r3, ulong topCarry)
    {
        var d0 = SubBorrow(r0, N0, 0, out var borrow);
        var d1 = SubBorrow(r1, N1, borrow, out borrow);
        var d2 = SubBorrow(r2, N2, borrow, out borrow);
        var d3 = SubBorrow(r3, N3, borrow, out borrow);

        // Take r - n when r >= n: no borrow, or a borrow that the carry above 2^256 pays for.
        var mask = MaskOf(topCarry | (borrow ^ 1));
        return new Scalar(
            (d0 & mask) | (r0 & ~mask),
            (d1 & mask) | (r1 & ~mask),
            (d2 & mask) | (r2 & ~mask),
            (d3 & mask) | (r3 & ~mask));
    }

    public bool Equals(Scalar other) => ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;

    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);

    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);
}
