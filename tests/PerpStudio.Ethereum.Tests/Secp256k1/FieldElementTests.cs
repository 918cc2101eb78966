using System.Numerics;
using PerpStudio.Ethereum.Secp256k1;
using static PerpStudio.Ethereum.Tests.Secp256k1.Reference;

namespace PerpStudio.Ethereum.Tests.Secp256k1;

public sealed class FieldElementTests
{
    private const int Cases = 4000;

    private static readonly BigInteger[] Edges = [0, 1, 2, P - 1, P - 2, (P + 1) / 2, (BigInteger.One << 255) - 1, BigInteger.One << 255, (BigInteger.One << 64) - 1, BigInteger.One << 64, BigInteger.One << 192];

    [Fact]
    public void Sums_differences_and_negations_match_integer_arithmetic_mod_p()
    {
        foreach (var (a, b) in Pairs(1))
        {
            ToBig(FieldElement.Add(ToField(a), ToField(b))).ShouldBe((a + b) % P, $"{a:x} + {b:x}");
            ToBig(FieldElement.Subtract(ToField(a), ToField(b))).ShouldBe(((a - b) % P + P) % P, $"{a:x} - {b:x}");
            ToBig(FieldElement.Negate(ToField(a))).ShouldBe((P - a) % P, $"-{a:x}");
            ToBig(FieldElement.Double(ToField(a))).ShouldBe(2 * a % P, $"2 * {a:x}");
        }
    }

    [Fact]
    public void Products_and_squares_match_integer_arithmetic_mod_p()
    {
        foreach (var (a, b) in Pairs(2))
        {
            ToBig(FieldElement.Multiply(ToField(a), ToField(b))).ShouldBe(a * b % P, $"{a:x} * {b:x}");
            ToBig(FieldElement.Square(ToField(a))).ShouldBe(a * a % P, $"{a:x}^2");
        }
    }

    [Fact]
    public void Reduction_of_512_bit_values_takes_every_carry_path_correctly()
    {
        // 2^480 + (2^256 - 1 - 977 * 2^224) folds to 2^257 - 1: the second fold carries out of 256 bits.
        var secondFoldCarries = (BigInteger.One << 480) + (BigInteger.One << 256) - 1 - (977 * (BigInteger.One << 224));
        var random = new Random(6);
        BigInteger[] values =
        [
            secondFoldCarries, P, P + 1, (BigInteger.One << 256) - 1, (BigInteger.One << 512) - 1, (P - 1) * (P - 1), 0, 1,
            .. Enumerable.Range(0, Cases).Select(_ => Below(random, BigInteger.One << 512)),
        ];
        foreach (var x in values)
        {
            var limbs = Enumerable.Range(0, 8).Select(i => (ulong)((x >> (64 * i)) & ulong.MaxValue)).ToArray();
            ToBig(FieldElement.Reduce(limbs[0], limbs[1], limbs[2], limbs[3], limbs[4], limbs[5], limbs[6], limbs[7])).ShouldBe(x % P, $"{x:x} mod p");
        }

        // A product that lands in [p, 2^256) before the final subtraction: 16 * (p + 1) / 16.
        FieldElement.Multiply(ToField(16), ToField((P + 1) / 16)).ShouldBe(FieldElement.One);
    }

    [Fact]
    public void Inverses_match_modular_exponentiation_and_zero_inverts_to_zero()
    {
        var random = new Random(3);
        foreach (var a in Edges.Concat(Enumerable.Range(0, 500).Select(_ => Interesting(random, P))))
        {
            var inverse = ToBig(FieldElement.Invert(ToField(a)));
            inverse.ShouldBe(BigInteger.ModPow(a, P - 2, P), $"{a:x}^-1");
            if (!a.IsZero)
            {
                (inverse * a % P).ShouldBe(BigInteger.One);
            }
        }
    }

    [Fact]
    public void Square_roots_exist_exactly_for_quadratic_residues()
    {
        var random = new Random(4);
        var residues = 0;
        foreach (var a in Edges.Concat(Enumerable.Range(0, 500).Select(_ => Interesting(random, P))))
        {
            var isResidue = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
            FieldElement.TrySquareRoot(ToField(a), out var root).ShouldBe(isResidue, $"sqrt {a:x}");
            if (isResidue)
            {
                residues++;
                (ToBig(root) * ToBig(root) % P).ShouldBe(a);
            }
        }

        residues.ShouldBeInRange(150, 400);
    }

    [Fact]
    public void Reading_accepts_values_below_p_and_rejects_p_and_above()
    {
        var random = new Random(5);
        foreach (var a in Edges.Concat(Enumerable.Range(0, 200).Select(_ => Below(random, P))))
        {
            FieldElement.TryRead(Bytes32(a), out var read).ShouldBeTrue();
            ToBig(read).ShouldBe(a);
            var written = new byte[32];
            read.Write(written);
            written.ShouldBe(Bytes32(a));
        }

        foreach (var tooBig in new[] { P, P + 1, (BigInteger.One << 256) - 1, P + 977 })
        {
            FieldElement.TryRead(Bytes32(tooBig), out _).ShouldBeFalse($"{tooBig:x}");
        }
    }

    [Fact]
    public void Parity_and_zero_tests_read_the_reduced_value()
    {
        FieldElement.Zero.IsZero.ShouldBeTrue();
        FieldElement.Negate(FieldElement.Zero).IsZero.ShouldBeTrue();
        FieldElement.Add(ToField(P - 1), FieldElement.One).IsZero.ShouldBeTrue();
        ToField(P - 1).IsOdd.ShouldBeFalse();
        FieldElement.Negate(FieldElement.One).ShouldBe(ToField(P - 1));
        FieldElement.One.IsOdd.ShouldBeTrue();
    }

    private static IEnumerable<(BigInteger A, BigInteger B)> Pairs(int seed)
    {
        foreach (var a in Edges)
        {
            foreach (var b in Edges)
            {
                yield return (a, b);
            }
        }

        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            yield return (Interesting(random, P), Interesting(random, P));
        }
    }
}
