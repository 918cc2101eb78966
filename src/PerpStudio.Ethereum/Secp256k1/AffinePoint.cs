using System.Runtime.CompilerServices;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>A finite point (x, y) of y^2 = x^3 + 7 over the field mod p. The point at infinity has no affine form.</summary>
internal readonly struct AffinePoint : IEquatable<AffinePoint>
{
    /// <summary>The generator G of SEC 2.</summary>
    public static readonly AffinePoint G = new(
        new FieldElement(0x59F2815B16F81798UL, 0x029BFCDB2DCE28D9UL, 0x55A06295CE870B07UL, 0x79BE667EF9DCBBACUL),
        new FieldElement(0x9C47D08FFB10D4B8UL, 0xFD17B448A6855419UL, 0x5DA4FBFC0E1108A8UL, 0x483ADA7726A3C465UL));

    public readonly FieldElement X;
    public readonly FieldElement Y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public AffinePoint(in FieldElement x, in FieldElement y)
    {
        X = x;
        Y = y;
    }

    public bool IsOnCurve => FieldElement.Square(Y) == CurveRightSide(X);

    /// <summary>The point with the given x and y parity; false when x^3 + 7 is not a square (no such point).</summary>
    public static bool TryFromX(in FieldElement x, bool oddY, out AffinePoint point)
    {
        if (!FieldElement.TrySquareRoot(CurveRightSide(x), out var y))
        {
            point = default;
            return false;
        }

        if (y.IsOdd != oddY)
        {
            y = FieldElement.Negate(y);
        }

        point = new AffinePoint(x, y);
        return true;
    }

    /// <summary>
    /// Reads SEC1 encodings: 33 bytes compressed (0x02/0x03 || X) or 65 bytes uncompressed (0x04 || X || Y).
    /// </summary>
    /// <returns>Null when the encoding is valid, otherwise why it is not.</returns>
    public static string? TryDecode(ReadOnlySpan<byte> encoded, out AffinePoint point)
    {
        point = default;
        if (encoded.IsEmpty)
        {
            return "no bytes";
        }

        if (encoded.Length == 33 && encoded[0] is 0x02 or 0x03)
        {
            if (!FieldElement.TryRead(encoded[1..], out var x))
            {
                return "x is not below the field prime";
            }

            return TryFromX(x, encoded[0] == 0x03, out point) ? null : "x is not the x coordinate of a curve point";
        }

        if (encoded.Length == 65 && encoded[0] == 0x04)
        {
            if (!FieldElement.TryRead(encoded.Slice(1, 32), out var x) || !FieldElement.TryRead(encoded.Slice(33, 32), out var y))
            {
                return "a coordinate is not below the field prime";
            }

            point = new AffinePoint(x, y);
            return point.IsOnCurve ? null : "the point is not on the curve";
        }

        return $"unknown point encoding (prefix 0x{encoded[0]:x2}, {encoded.Length} bytes)";
    }

    public static AffinePoint Negate(in AffinePoint point) => new(point.X, FieldElement.Negate(point.Y));

    /// <summary>Writes X || Y, 64 bytes.</summary>
    public void Write(Span<byte> destination64)
    {
        X.Write(destination64);
        Y.Write(destination64[32..]);
    }

    public bool Equals(AffinePoint other) => X == other.X && Y == other.Y;

    public override bool Equals(object? obj) => obj is AffinePoint other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(X, Y);

    public static bool operator ==(AffinePoint left, AffinePoint right) => left.Equals(right);

    public static bool operator !=(AffinePoint left, AffinePoint right) => !left.Equals(right);

    public override string ToString() => $"({X}, {Y})";

    private static FieldElement CurveRightSide(in FieldElement x) =>
        FieldElement.Add(FieldElement.Multiply(FieldElement.Square(x), x), FieldElement.Seven);
}
