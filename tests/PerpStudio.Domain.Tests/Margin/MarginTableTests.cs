using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class MarginTableTests
{
    [Fact]
    public void Maintenance_rate_is_half_the_initial_margin_rate_at_max_leverage()
    {
        Btc.Table.MaintenanceRate(0).ShouldBe(Rate.Parse("0.0125"));
        Btc.Table.MaintenanceRate(1).ShouldBe(Rate.Parse("0.025")); // the docs' example: 20x gives 2.5%
        Eth.Table.MaintenanceRate(0).ShouldBe(Rate.Parse("0.02"));
    }

    [Fact]
    public void A_one_sixth_rate_is_kept_exact_and_rounded_up_only_at_the_end()
    {
        // 1/(2x3) of 6 USD is exactly 1 USD; of 1 USD it is 0.1666..., rounded up to 0.166667
        Three.Table.MaintenanceMargin(Q("6"), P("1")).ShouldBe(M("1"));
        Three.Table.MaintenanceMargin(Q("1"), P("1")).ShouldBe(M("0.166667"));
        Three.Table.MaintenanceMargin(Q("600000"), P("1")).ShouldBe(M("100000"));
        Three.Table.MaintenanceRate(0).ShouldBe(Rate.Parse("0.1666666667"));
    }

    [Fact]
    public void A_tier_lower_bound_belongs_to_the_tier_it_starts()
    {
        Btc.Table.TierAt(M("149999999.999999")).ShouldBe(0);
        Btc.Table.TierAt(M("150000000")).ShouldBe(1);
        Btc.Table.TierAt(M("-200000000")).ShouldBe(1);
    }

    [Fact]
    public void Deductions_follow_the_published_recurrence()
    {
        // deduction_1 = 150M x (2.5% - 1.25%) = 1,875,000
        Btc.Table.Deduction(1).ShouldBe(M("1875000"));
        // testnet BTC: 10k x (1/50 - 1/80) = 75; + 50k x (1/20 - 1/50) = 1,500 -> 1,575; + 100k x (1/10 - 1/20) = 5,000 -> 6,575
        BtcTestnet.Table.Deduction(1).ShouldBe(M("75"));
        BtcTestnet.Table.Deduction(2).ShouldBe(M("1575"));
        BtcTestnet.Table.Deduction(3).ShouldBe(M("6575"));
        // + 300k x (1/6 - 1/10) = 20,000 -> 26,575
        BtcTestnet.Table.Deduction(4).ShouldBe(M("26575"));
    }

    [Theory]
    [InlineData("150000000", "1875000")] // at the boundary, both tiers' formulas agree
    [InlineData("200000000", "3125000")] // 200M x 2.5% - 1.875M
    [InlineData("100000", "1250")]
    public void Mainnet_btc_maintenance_matches_the_tier_formula(string notional, string expected) =>
        Btc.Table.MaintenanceMargin(Q(notional), P("1")).ShouldBe(M(expected));

    [Fact]
    public void Tiered_maintenance_equals_the_sum_of_each_tier_rate_over_its_slice_of_notional()
    {
        var tables = new[] { Btc, BtcTestnet, Eth, Three };
        var gen = from market in Gen.Elements(tables)
                  from notionalUnits in Gen.Choose(0, int.MaxValue).Select(n => (long)n * 251)
                  select (market, notionalUnits);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (market, units) = input;
            var notional = new Money(units);
            var expected = PiecewiseMaintenance(market.Spec.MarginTiers, notional);
            var actual = market.Table.MaintenanceMargin(Exact.Of(notional));
            return actual.Units == CeilingMoneyUnits(expected);
        }));
    }

    [Fact]
    public void Maintenance_is_continuous_across_every_tier_boundary()
    {
        foreach (var market in new[] { Btc, BtcTestnet, Eth })
        {
            for (var t = 1; t < market.Table.TierCount; t++)
            {
                var bound = Exact.Of(market.Table.LowerBound(t));
                market.Table.MaintenanceScaled(bound, t).ShouldBe(market.Table.MaintenanceScaled(bound, t - 1));
            }
        }
    }

    // an independent reading of the rule: each slice of notional between two bounds carries its own tier's 1/(2L)
    private static (BigInteger Numerator, BigInteger Denominator) PiecewiseMaintenance(IReadOnlyList<Domain.Markets.MarginTier> tiers, Money notional)
    {
        BigInteger num = 0, den = 1;
        for (var i = 0; i < tiers.Count; i++)
        {
            var lo = tiers[i].LowerBound.Units;
            var hi = i + 1 < tiers.Count ? tiers[i + 1].LowerBound.Units : long.MaxValue;
            var slice = Math.Min(notional.Units, hi) - lo;
            if (slice <= 0)
            {
                break;
            }

            var d = 2 * tiers[i].MaxLeverage;
            num = (num * d) + (slice * den);
            den *= d;
        }

        return (num, den);
    }

    private static long CeilingMoneyUnits((BigInteger Numerator, BigInteger Denominator) value) =>
        (long)BigInteger.Divide(value.Numerator + value.Denominator - 1, value.Denominator);
}
