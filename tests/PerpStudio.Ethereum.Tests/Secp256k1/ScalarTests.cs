using System.Numerics;
using PerpStudio.Ethereum.Secp256k1;
using static PerpStudio.Ethereum.Tests.Secp256k1.Reference;

namespace PerpStudio.Ethereum.Tests.Secp256k1;

public sealed class ScalarTests
{
    private static readonly BigInteger[] Edges = [0, 1, 2, N - 1, N - 2, N / 2, (N / 2) + 1, (BigInteger.One << 255) - 1, BigInteger.One << 128, (BigInteger.One << 64) - 1];

    [Fact]
    public void Sums_products_and_negations_match_integer_arithmetic_mod_n()
    {
        foreach (var (a, b) in Pairs(11, 4000))
        {
            ToBig(Scalar.Add(ToScalar(a), ToScalar(b))).ShouldBe((a + b) % N, $"{a:x} + {b:x}");
            ToBig(Scalar.Multiply(ToScalar(a), ToScalar(b))).ShouldBe(a * b % N, $"{a:x} * {b:x}");
            ToBig(Scalar.Negate(ToScalar(a))).ShouldBe((N - a) % N, $"-{a:x}");
        }
    }

    [Fact]
    public void Inverses_match_modular_exponentiation_and_zero_inverts_to_zero()
    {
        foreach (var (a, _) in Pairs(12, 500))
        {
            var inverse = ToBig(Scalar.Invert(ToScalar(a)));
            inverse.ShouldBe(BigInteger.ModPow(a, N - 2, N), $"{a:x}^-1");
            if (!a.IsZero)
            {
                (inverse * a % N).ShouldBe(BigInteger.One);
            }
        }
    }

    [Fact]
    public void The_high_half_starts_just_above_half_the_order()
    {
        ToScalar(N / 2).IsHigh.ShouldBeFalse();
        ToScalar((N / 2) + 1).IsHigh.ShouldBeTrue();
        ToScalar(N - 1).IsHigh.ShouldBeTrue();
        ToScalar(1).IsHigh.ShouldBeFalse();
        var random = new Random(13);
        for (var i = 0; i < 1000; i++)
        {
            var a = Below(random, N);
            ToScalar(a).IsHigh.ShouldBe(a > N / 2);
        }
    }

    [Fact]
    public void Strict_reading_rejects_n_and_above_and_reduced_reading_wraps_them()
    {
        var random = new Random(14);
        var values = Edges.Concat([N, N + 1, (BigInteger.One << 256) - 1]).Concat(Enumerable.Range(0, 500).Select(_ => Below(random, BigInteger.One << 256)));
        foreach (var a in values)
        {
            Scalar.TryRead(Bytes32(a), out var strict).ShouldBe(a < N, $"{a:x}");
            if (a < N)
            {
                ToBig(strict).ShouldBe(a);
                var written = new byte[32];
                strict.Write(written);
                written.ShouldBe(Bytes32(a));
            }

            ToBig(Scalar.ReadReduced(Bytes32(a))).ShouldBe(a % N, $"{a:x} mod n");
        }
    }

    [Fact]
    public void Bit_windows_are_read_least_significant_first_across_limb_boundaries()
    {
        var random = new Random(15);
        for (var i = 0; i < 200; i++)
        {
            var a = i == 0 ? N - 1 : Below(random, N);
            var scalar = ToScalar(a);
            foreach (var width in new[] { 1, 4, 5, 6, 7, 13 })
            {
                for (var offset = 0; offset < 256; offset += width)
                {
                    scalar.Bits(offset, width).ShouldBe((int)((a >> offset) & ((1 << width) - 1)), $"bits [{offset}, +{width})");
                }
            }
        }
    }

    private static IEnumerable<(BigInteger A, BigInteger B)> Pairs(int seed, int count)
    {
        foreach (var a in Edges)
        {
            foreach (var b in Edges)
            {
                yield return (a, b);
            }
        }

        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return (Interesting(random, N), Interesting(random, N));
        }
    }
}
