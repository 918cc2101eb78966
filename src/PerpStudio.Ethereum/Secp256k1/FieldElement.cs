using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using static PerpStudio.Ethereum.Secp256k1.WideArithmetic;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// An integer mod p = 2^256 - 2^32 - 977 as four little-endian 64-bit limbs, always fully reduced to [0, p). Every
/// operation is branch-free on the values (masks instead of ifs) and allocates nothing.
/// </summary>
internal readonly partial struct FieldElement : IEquatable<FieldElement>
{
    /// <summary>2^256 mod p: folding the high half of a product back in multiplies it by this.</summary>
    public const ulong FoldFactor = 0x1000003D1UL;

    /// <summary>The lowest limb of p; the other three are all ones.</summary>
    public const ulong P0 = 0xFFFFFFFEFFFFFC2FUL;

    public static readonly FieldElement Zero = default;

    public static readonly FieldElement One = new(1, 0, 0, 0);

    /// <summary>The curve constant b of y^2 = x^3 + 7.</summary>
    public static readonly FieldElement Seven = new(7, 0, 0, 0);

    public readonly ulong L0;
    public readonly ulong L1;
    public readonly ulong L2;
    public readonly ulong L3;

    /// <summary>Limbs of a value already below p (callers guarantee it; <see cref="TryRead"/> checks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FieldElement(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    public bool IsOdd => (L0 & 1) != 0;

    /// <summary>Reads 32 big-endian bytes; false when the value is p or more.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes32, out FieldElement value)
    {
        var l3 = BinaryPrimitives.ReadUInt64BigEndian(bytes32);
        var l2 = BinaryPrimitives.ReadUInt64BigEndian(bytes32[8..]);
        var l1 = BinaryPrimitives.ReadUInt64BigEndian(bytes32[16..]);
        var l0 = BinaryPrimitives.ReadUInt64BigEndian(bytes32[24..]);
        value = new FieldElement(l0, l1, l2, l3);
        _ = SubBorrow(l0, P0, 0, out var borrow);
        _ = SubBorrow(l1, ulong.MaxValue, borrow, out borrow);
        _ = SubBorrow(l2, ulong.MaxValue, borrow, out borrow);
        _ = SubBorrow(l3, ulong.MaxValue, borrow, out borrow);
        return borrow == 1;
    }

    /// <summary>Writes the value as 32 big-endian bytes.</summary>
    public void Write(Span<byte> destination32)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination32, L3);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[8..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[16..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[24..], L0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Add(in FieldElement a, in FieldElement b)
    {
        var r0 = AddCarry(a.L0, b.L0, 0, out var carry);
        var r1 = AddCarry(a.L1, b.L1, carry, out carry);
        var r2 = AddCarry(a.L2, b.L2, carry, out carry);
        var r3 = AddCarry(a.L3, b.L3, carry, out carry);
        return SubtractPOnce(r0, r1, r2, r3, carry);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Subtract(in FieldElement a, in FieldElement b)
    {
        var r0 = SubBorrow(a.L0, b.L0, 0, out var borrow);
        var r1 = SubBorrow(a.L1, b.L1, borrow, out borrow);
        var r2 = SubBorrow(a.L2, b.L2, borrow, out borrow);
        var r3 = SubBorrow(a.L3, b.L3, borrow, out borrow);

        // On a borrow the limbs hold a - b + 2^256; adding p back is subtracting 2^256 - p, the fold factor.
        var fold = FoldFactor & MaskOf(borrow);
        r0 = SubBorrow(r0, fold, 0, out borrow);
        r1 = SubBorrow(r1, 0, borrow, out borrow);
        r2 = SubBorrow(r2, 0, borrow, out borrow);
        r3 = SubBorrow(r3, 0, borrow, out _);
        return new FieldElement(r0, r1, r2, r3);
    }

    public static FieldElement Negate(in FieldElement a) => Subtract(Zero, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Double(in FieldElement a) => Add(a, a);

    /// <summary>
    /// Reduces r + topCarry * 2^256, known to be below 2p, into [0, p): r - p = r + (2^256 - p) - 2^256, so the
    /// subtraction is taken exactly when adding the fold factor carries out (or topCarry is already set).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement SubtractPOnce(ulong r0, ulong r1, ulong r2, ulong r3, ulong topCarry)
    {
        var t0 = AddCarry(r0, FoldFactor, 0, out var carry);
        var t1 = AddCarry(r1, 0, carry, out carry);
        var t2 = AddCarry(r2, 0, carry, out carry);
        var t3 = AddCarry(r3, 0, carry, out carry);
        var mask = MaskOf(carry | topCarry);
        return new FieldElement(
            (t0 & mask) | (r0 & ~mask),
            (t1 & mask) | (r1 & ~mask),
            (t2 & mask) | (r2 & ~mask),
            (t3 & mask) | (r3 & ~mask));
    }

    public bool Equals(FieldElement other) => ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;

    public override bool Equals(object? obj) => obj is FieldElement other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);

    public static bool operator ==(FieldElement left, FieldElement right) => left.Equals(right);

    public static bool operator !=(FieldElement left, FieldElement right) => !left.Equals(right);

    public override string ToString() => $"{L3:x16}{L2:x16}{L1:x16}{L0:x16}";
}
