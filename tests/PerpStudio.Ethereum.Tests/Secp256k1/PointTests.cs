using System.Numerics;
using PerpStudio.Ethereum.Secp256k1;
using static PerpStudio.Ethereum.Tests.Secp256k1.Reference;

namespace PerpStudio.Ethereum.Tests.Secp256k1;

public sealed class PointTests
{
    [Fact]
    public void Fixed_base_multiples_of_G_match_BouncyCastle_for_random_and_edge_scalars()
    {
        var random = new Random(21);
        BigInteger[] edges = [1, 2, 3, 15, 16, 17, N - 1, N - 2, N / 2, (N / 2) + 1, BigInteger.One << 252, (BigInteger.One << 252) - 1];
        foreach (var k in edges.Concat(Enumerable.Range(0, 300).Select(_ => Interesting(random, N)).Where(k => !k.IsZero)))
        {
            var expected = FromBc(Multiply(k));
            Affine(GeneratorTable.Multiply(ToScalar(k))).ShouldBe(expected, $"k = {k:x}");
            Affine(GeneratorTable.MultiplyPublic(ToScalar(k))).ShouldBe(expected, $"k = {k:x} (public lookup)");
        }
    }

    [Fact]
    public void Zero_times_G_is_the_point_at_infinity_by_either_lookup()
    {
        GeneratorTable.Multiply(ToScalar(0)).IsInfinity.ShouldBeTrue();
        GeneratorTable.MultiplyPublic(ToScalar(0)).IsInfinity.ShouldBeTrue();
        PointMultiplication.Multiply(JacobianPoint.FromAffine(AffinePoint.G), ToScalar(0)).IsInfinity.ShouldBeTrue();
    }

    [Fact]
    public void Variable_base_multiples_match_BouncyCastle()
    {
        var random = new Random(22);
        for (var i = 0; i < 120; i++)
        {
            var baseScalar = Below(random, N - 1) + 1;
            var k = Interesting(random, N);
            var point = FromBc(Multiply(baseScalar));
            var expected = Curve.Curve.DecodePoint([4, .. Bytes32(ToBig(point.X)), .. Bytes32(ToBig(point.Y))]).Multiply(ToBc(k)).Normalize();
            var ours = PointMultiplication.Multiply(JacobianPoint.FromAffine(point), ToScalar(k));
            if (expected.IsInfinity)
            {
                ours.IsInfinity.ShouldBeTrue($"k = {k:x}");
            }
            else
            {
                Affine(ours).ShouldBe(FromBc(expected), $"k = {k:x}");
            }
        }
    }

    [Fact]
    public void A_point_plus_its_negation_is_infinity_and_plus_itself_is_its_double()
    {
        var random = new Random(23);
        for (var i = 0; i < 50; i++)
        {
            var p = FromBc(Multiply(Below(random, N - 1) + 1));
            var jacobian = Scrambled(p, random);
            JacobianPoint.Add(jacobian, AffinePoint.Negate(p)).IsInfinity.ShouldBeTrue();
            JacobianPoint.AddUnchecked(jacobian, AffinePoint.Negate(p)).IsInfinity.ShouldBeTrue("the incomplete formula gives Z = 0 for P + (-P)");
            JacobianPoint.Add(jacobian, JacobianPoint.Negate(jacobian)).IsInfinity.ShouldBeTrue();

            var doubled = Affine(JacobianPoint.Double(jacobian));
            Affine(JacobianPoint.Add(jacobian, p)).ShouldBe(doubled);
            Affine(JacobianPoint.Add(jacobian, jacobian)).ShouldBe(doubled);
            doubled.ShouldBe(FromBc(Curve.Curve.DecodePoint([4, .. Bytes32(ToBig(p.X)), .. Bytes32(ToBig(p.Y))]).Twice()));
        }
    }

    [Fact]
    public void Infinity_is_the_identity_of_addition_and_doubles_to_itself()
    {
        var p = FromBc(Multiply(12345));
        var infinity = JacobianPoint.Infinity;
        JacobianPoint.Double(infinity).IsInfinity.ShouldBeTrue();
        Affine(JacobianPoint.Add(infinity, p)).ShouldBe(p);
        Affine(JacobianPoint.Add(infinity, JacobianPoint.FromAffine(p))).ShouldBe(p);
        Affine(JacobianPoint.Add(JacobianPoint.FromAffine(p), infinity)).ShouldBe(p);
        infinity.TryToAffine(out _).ShouldBeFalse();
    }

    [Fact]
    public void Mixed_and_full_additions_of_distinct_points_match_BouncyCastle()
    {
        var random = new Random(24);
        for (var i = 0; i < 100; i++)
        {
            var a = Below(random, N - 1) + 1;
            var b = Below(random, N - 1) + 1;
            var expected = FromBc(Multiply((a + b) % N));
            var pa = FromBc(Multiply(a));
            var pb = FromBc(Multiply(b));
            Affine(JacobianPoint.AddUnchecked(Scrambled(pa, random), pb)).ShouldBe(expected);
            Affine(JacobianPoint.Add(Scrambled(pa, random), Scrambled(pb, random))).ShouldBe(expected);
        }
    }

    [Fact]
    public void Width_5_NAF_digits_are_odd_sparse_and_sum_back_to_the_scalar()
    {
        var random = new Random(25);
        var digits = new sbyte[257];
        foreach (var k in new[] { BigInteger.Zero, BigInteger.One, N - 1 }.Concat(Enumerable.Range(0, 500).Select(_ => Interesting(random, N))))
        {
            var length = PointMultiplication.Naf(ToScalar(k), digits);
            var sum = BigInteger.Zero;
            var lastNonZero = -5;
            for (var i = 0; i < length; i++)
            {
                int digit = digits[i];
                if (digit != 0)
                {
                    (digit % 2).ShouldNotBe(0);
                    Math.Abs(digit).ShouldBeLessThan(16);
                    (i - lastNonZero).ShouldBeGreaterThanOrEqualTo(5);
                    lastNonZero = i;
                }

                sum += (BigInteger)digit << i;
            }

            sum.ShouldBe(k);
        }
    }

    [Fact]
    public void Points_decode_from_compressed_and_uncompressed_forms_and_bad_ones_are_refused()
    {
        var random = new Random(26);
        for (var i = 0; i < 100; i++)
        {
            var bc = Multiply(Below(random, N - 1) + 1);
            var expected = FromBc(bc);
            AffinePoint.TryDecode(bc.GetEncoded(true), out var compressed).ShouldBeNull();
            compressed.ShouldBe(expected);
            AffinePoint.TryDecode(bc.GetEncoded(false), out var uncompressed).ShouldBeNull();
            uncompressed.ShouldBe(expected);
        }

        var g = Multiply(1).GetEncoded(false);
        var offCurve = (byte[])g.Clone();
        offCurve[64] ^= 1;
        AffinePoint.TryDecode(offCurve, out _).ShouldBe("the point is not on the curve");
        byte[] xAboveP = [2, .. Bytes32(P + 1)];
        AffinePoint.TryDecode(xAboveP, out _).ShouldBe("x is not below the field prime");
        byte[] noPoint = [3, .. Bytes32(5)];
        AffinePoint.TryDecode(noPoint, out _).ShouldBe("x is not the x coordinate of a curve point");
        byte[] hybrid = [6, .. g.AsSpan(1)];
        AffinePoint.TryDecode(hybrid, out _).ShouldBe("unknown point encoding (prefix 0x06, 65 bytes)");
    }

    private static AffinePoint Affine(in JacobianPoint point)
    {
        point.TryToAffine(out var affine).ShouldBeTrue("expected a finite point");
        affine.IsOnCurve.ShouldBeTrue();
        return affine;
    }

    /// <summary>The same point with a random Z, so formulas are exercised beyond Z = 1.</summary>
    private static JacobianPoint Scrambled(in AffinePoint point, Random random)
    {
        var z = ToField(Below(random, P - 1) + 1);
        var z2 = FieldElement.Square(z);
        return new JacobianPoint(FieldElement.Multiply(point.X, z2), FieldElement.Multiply(point.Y, FieldElement.Multiply(z2, z)), z);
    }
}
