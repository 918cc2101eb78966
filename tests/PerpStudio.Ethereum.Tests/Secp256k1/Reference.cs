using System.Numerics;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using PerpStudio.Ethereum.Secp256k1;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace PerpStudio.Ethereum.Tests.Secp256k1;

/// <summary>
/// Independent references: System.Numerics.BigInteger for field and scalar math, and BouncyCastle's generic
/// (not the GLV-specialized) secp256k1 curve for points.
/// </summary>
internal static class Reference
{
    public static readonly BigInteger P = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);

    public static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public static readonly X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");

    public static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);

    public static BigInteger ToBig(in FieldElement value) => Combine(value.L0, value.L1, value.L2, value.L3);

    public static BigInteger ToBig(in Scalar value) => Combine(value.L0, value.L1, value.L2, value.L3);

    public static FieldElement ToField(BigInteger value)
    {
        var limbs = Limbs(value);
        return new FieldElement(limbs[0], limbs[1], limbs[2], limbs[3]);
    }

    public static Scalar ToScalar(BigInteger value)
    {
        var limbs = Limbs(value);
        return new Scalar(limbs[0], limbs[1], limbs[2], limbs[3]);
    }

    public static byte[] Bytes32(BigInteger value)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var bytes = new byte[32];
        raw.CopyTo(bytes, 32 - raw.Length);
        return bytes;
    }

    /// <summary>A uniformly random value in [0, bound).</summary>
    public static BigInteger Below(Random random, BigInteger bound)
    {
        var bits = (int)bound.GetBitLength();
        var bytes = new byte[(bits + 7) / 8];
        while (true)
        {
            random.NextBytes(bytes);
            if (bits % 8 != 0)
            {
                bytes[^1] &= (byte)((1 << (bits % 8)) - 1);
            }

            var value = new BigInteger(bytes, isUnsigned: true);
            if (value < bound)
            {
                return value;
            }
        }
    }

    /// <summary>A random value biased to the edges: mostly uniform, sometimes tiny, all ones, or just below the bound.</summary>
    public static BigInteger Interesting(Random random, BigInteger bound) => random.Next(8) switch
    {
        0 => random.Next(3),
        1 => bound - 1 - random.Next(3),
        2 => (BigInteger.One << random.Next(256)) % bound,
        3 => ((BigInteger.One << 256) - 1 - random.Next(1 << 20)) % bound,
        _ => Below(random, bound),
    };

    public static BcPoint Multiply(BigInteger k) => Curve.G.Multiply(ToBc(k)).Normalize();

    public static BcBigInteger ToBc(BigInteger value) => new(1, Bytes32(value));

    public static BigInteger FromBc(BcBigInteger value) => new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    public static AffinePoint FromBc(BcPoint point)
    {
        var normalized = point.Normalize();
        return new AffinePoint(ToField(FromBc(normalized.AffineXCoord.ToBigInteger())), ToField(FromBc(normalized.AffineYCoord.ToBigInteger())));
    }

    private static BigInteger Combine(ulong l0, ulong l1, ulong l2, ulong l3) =>
        (new BigInteger(l3) << 192) + (new BigInteger(l2) << 128) + (new BigInteger(l1) << 64) + l0;

    private static ulong[] Limbs(BigInteger value)
    {
        var mask = ulong.MaxValue;
        return [(ulong)(value & mask), (ulong)((value >> 64) & mask), (ulong)((value >> 128) & mask), (ulong)((value >> 192) & mask)];
    }
}
