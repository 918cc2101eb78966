using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace PerpStudio.Ethereum;

/// <summary>The secp256k1 curve, loaded once: BouncyCastle's custom (GLV-accelerated) implementation.</summary>
internal static class Secp256k1
{
    public static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static readonly ECCurve Curve = Parameters.Curve;

    public static readonly ECPoint G = Parameters.G;

    public static readonly BigInteger N = Parameters.N;

    public static readonly BigInteger HalfN = N.ShiftRight(1);

    // The comb multiplier caches its precomputed table on G, so every base-point multiply after the first is fast.
    public static readonly FixedPointCombMultiplier BaseMultiplier = new();

    public static ECPoint MultiplyG(BigInteger k) => BaseMultiplier.Multiply(G, k).Normalize();

    /// <summary>A 32-byte big-endian unsigned integer.</summary>
    public static BigInteger ToInteger(ReadOnlySpan<byte> bytes32) => new(1, bytes32.ToArray());

    /// <summary>Writes an integer below 2^256 as 32 big-endian bytes.</summary>
    public static void Write32(BigInteger value, Span<byte> destination)
    {
        var bytes = value.ToByteArrayUnsigned();
        destination[..32].Clear();
        bytes.CopyTo(destination[(32 - bytes.Length)..]);
    }
}
