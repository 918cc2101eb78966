using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class FeeModelTests
{
    private static readonly OperatorPolicy Markup = OperatorPolicy.Open with
    {
        Markups = MarkupSchedule.Flat(Rate.Parse("0.0001")),
        BuilderRate = Rate.Parse("0.0002"),
        PlatformShareOfMarkup = Rate.Parse("0.3"),
    };

    [Fact]
    public void A_taker_fill_at_the_base_tier_pays_four_and_a_half_basis_points()
    {
        var fee = FeeModel.Charge(new FeeParameters(Q("0.1"), P("100000"), Liquidity.Taker, BaseFees, OperatorPolicy.Open)).Value;
        fee.Total.ShouldBe(M("4.5"));
        fee.Venue.ShouldBe(M("4.5"));
        fee.Operator.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Markup_and_builder_fee_split_between_venue_builder_platform_and_operator()
    {
        var fee = FeeModel.Charge(new FeeParameters(Q("0.1"), P("100000"), Liquidity.Taker, BaseFees, Markup)).Value;
        fee.Total.ShouldBe(M("7.5")); // 10,000 x 0.075%
        fee.Venue.ShouldBe(M("4.5"));
        fee.Builder.ShouldBe(M("2"));
        fee.Platform.ShouldBe(M("0.3"));
        fee.Operator.ShouldBe(M("0.7"));
    }

    [Fact]
    public void Rounding_units_land_with_the_operator()
    {
        // 0.000001 x 1.23 = 1.23e-6 USD notional: every rate rounds; the total rounds up to one unit
        var fee = FeeModel.Charge(new FeeParameters(Q("0.000001"), P("1.23"), Liquidity.Maker, BaseFees, Markup)).Value;
        fee.Total.ShouldBe(M("0.000001"));
        fee.Venue.ShouldBe(M("0.000001"));
        (fee.Builder + fee.Platform + fee.Operator).ShouldBe(Money.Zero);
    }

    [Fact]
    public void The_parts_always_sum_exactly_to_the_fee_and_none_is_negative()
    {
        var rates = Gen.Choose(0, 100_000_000).Select(u => new Rate(u)); // 0..1%
        var gen = from fill in Generators.BtcFill
                  from liquidity in Gen.Elements(Liquidity.Maker, Liquidity.Taker)
                  from maker in rates
                  from taker in rates
                  from markup in rates
                  from builder in rates
                  from share in Gen.Choose(0, 10_000).Select(u => new Rate(u * 1_000_000L))
                  from takerMarkup in rates
                  from referral in Gen.Choose(0, 10_000).Select(u => new Rate(u * 1_000_000L))
                  from referred in Gen.Elements(true, false)
                  select (fill, liquidity, new FeeSchedule(maker, taker), referred, OperatorPolicy.Open with
                  {
                      Markups = new MarkupSchedule(markup, takerMarkup, []),
                      BuilderRate = builder,
                      PlatformShareOfMarkup = share,
                      ReferralRebateShare = referral,
                  });
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (fill, liquidity, schedule, referred, policy) = input;
            var fee = FeeModel.Charge(new FeeParameters(fill.Size, fill.Price, liquidity, schedule, policy) { Referred = referred }).Value;
            return fee.Venue + fee.Builder + fee.Platform + fee.Operator + fee.Referral == fee.Total
                && !fee.Venue.IsNegative && !fee.Builder.IsNegative && !fee.Platform.IsNegative && !fee.Operator.IsNegative && !fee.Referral.IsNegative
                && (referred || fee.Referral.IsZero);
        }));
    }

    [Fact]
    public void Bad_fee_inputs_are_refused_with_their_field()
    {
        var fill = new FeeParameters(Q("1"), P("1"), Liquidity.Taker, BaseFees, OperatorPolicy.Open);
        FeeModel.Charge(fill with { Venue = null! }).Error!.Code.ShouldBe("required");
        FeeModel.Charge(fill with { Policy = null! }).Error!.Field.ShouldBe("operator_policy");
        FeeModel.Charge(fill with { Venue = new FeeSchedule(Rate.Zero, Rate.Parse("-0.0001")) }).Error!.Code.ShouldBe("venue_fee_rate_out_of_range");
        FeeModel.Charge(fill with { Policy = OperatorPolicy.Open with { Markups = MarkupSchedule.Flat(Rate.Parse("0.02")) } }).Error!.Code.ShouldBe("maker_markup_out_of_range");
        FeeModel.Charge(fill with { Policy = OperatorPolicy.Open with { BuilderRate = Rate.Parse("-0.01") } }).Error!.Code.ShouldBe("builder_rate_out_of_range");
        FeeModel.Charge(fill with { Policy = OperatorPolicy.Open with { PlatformShareOfMarkup = Rate.Parse("1.5") } }).Error!.Code.ShouldBe("platform_share_of_markup_out_of_range");
        FeeModel.Charge(fill with { Price = Price.Zero }).Error!.Code.ShouldBe("price_not_positive");
    }
}
