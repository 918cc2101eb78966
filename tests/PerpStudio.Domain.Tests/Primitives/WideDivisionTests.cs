using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Tests.Primitives;

public sealed class WideDivisionTests
{
    private static readonly Rounding[] Roundings = [Rounding.Floor, Rounding.Ceiling, Rounding.TowardZero, Rounding.AwayFromZero, Rounding.HalfEven];

    [Fact]
    public void Dividing_by_a_64_bit_divisor_agrees_with_the_general_division_for_every_rounding()
    {
        var gen = from hi in Gen.Choose(int.MinValue, int.MaxValue)
                  from mid in Gen.Choose(int.MinValue, int.MaxValue)
                  from lo in Gen.Choose(int.MinValue, int.MaxValue)
                  from shift in Gen.Choose(0, 62)
                  from divisorBits in Gen.Choose(1, int.MaxValue)
                  from divisorShift in Gen.Choose(0, 32)
                  from rounding in Gen.Elements(Roundings)
                  select (((Int128)hi << 64 | (Int128)(uint)mid << 32 | (uint)lo) >> shift, (long)divisorBits << divisorShift, rounding);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (numerator, divisor, rounding) = input;
            var expected = Reference(numerator, divisor, rounding);
            return WideDivision.Divide(numerator, divisor, rounding) == expected;
        }));
    }

    [Theory]
    [InlineData(7, 2, Rounding.Floor, 3)]
    [InlineData(-7, 2, Rounding.Floor, -4)]
    [InlineData(7, 2, Rounding.Ceiling, 4)]
    [InlineData(-7, 2, Rounding.Ceiling, -3)]
    [InlineData(-7, 2, Rounding.TowardZero, -3)]
    [InlineData(-7, 2, Rounding.AwayFromZero, -4)]
    [InlineData(5, 2, Rounding.HalfEven, 2)]
    public void Small_values_round_as_named(long numerator, long divisor, Rounding rounding, long expected) =>
        WideDivision.DivideToInt64(numerator, divisor, rounding).ShouldBe(expected);

    [Fact]
    public void A_quotient_beyond_64_bits_is_an_overflow_not_a_wrong_number() =>
        Should.Throw<OverflowException>(() => WideDivision.DivideToInt64(Int128.MaxValue / 3, 2, Rounding.Floor));

    // the textbook definition through BigInteger: floor, then adjust
    private static Int128 Reference(Int128 numerator, long divisor, Rounding rounding)
    {
        var n = System.Numerics.BigInteger.Parse(numerator.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        var q = System.Numerics.BigInteger.DivRem(n, divisor, out var r);
        if (!r.IsZero)
        {
            var positive = n.Sign > 0;
            var twice = System.Numerics.BigInteger.Abs(r) * 2;
            q += rounding switch
            {
                Rounding.Floor => positive ? 0 : -1,
                Rounding.Ceiling => positive ? 1 : 0,
                Rounding.TowardZero => 0,
                Rounding.AwayFromZero => positive ? 1 : -1,
                _ => twice < divisor || (twice == divisor && q.IsEven) ? 0 : positive ? 1 : -1,
            };
        }

        return Int128.Parse(q.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }
}
