using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Operators;

public sealed class MarkupScheduleTests
{
    // base 0.02% maker / 0.05% taker; from 1M traded 0.01% / 0.03%; from 10M nothing on maker, 0.01% taker
    private static readonly MarkupSchedule Tiered = new(R("0.0002"), R("0.0005"),
    [
        new VolumeTier(M("1000000"), R("0.0001"), R("0.0003")),
        new VolumeTier(M("10000000"), Rate.Zero, R("0.0001")),
    ]);

    [Fact]
    public void A_trader_below_the_first_tier_pays_the_base_markups()
    {
        Tiered.TierAt(M("999999.999999")).ShouldBeNull();
        Tiered.MarkupFor(Liquidity.Maker, M("999999.999999")).ShouldBe(R("0.0002"));
        Tiered.MarkupFor(Liquidity.Taker, Money.Zero).ShouldBe(R("0.0005"));
    }

    [Fact]
    public void Reaching_a_tier_exactly_lowers_the_markups_to_it()
    {
        Tiered.MarkupFor(Liquidity.Maker, M("1000000")).ShouldBe(R("0.0001"));
        Tiered.MarkupFor(Liquidity.Taker, M("9999999")).ShouldBe(R("0.0003"));
        Tiered.MarkupFor(Liquidity.Maker, M("10000000")).ShouldBe(Rate.Zero);
        Tiered.MarkupFor(Liquidity.Taker, M("50000000")).ShouldBe(R("0.0001"));
    }

    [Fact]
    public void A_tiered_trader_is_charged_the_tier_markup_to_the_micro_unit()
    {
        var policy = OperatorPolicy.Open with { Markups = Tiered, PlatformShareOfMarkup = R("0.25") };
        var fill = new FeeParameters(Q("0.1"), P("100000"), Liquidity.Taker, BaseFees, policy);

        var baseFee = FeeModel.Charge(fill).Value;
        baseFee.Total.ShouldBe(M("9.5")); // 10,000 x (0.045% + 0.05%)
        baseFee.Platform.ShouldBe(M("1.25"));
        baseFee.Operator.ShouldBe(M("3.75"));

        var tierFee = FeeModel.Charge(fill with { TrailingVolume = M("1000000") }).Value;
        tierFee.Total.ShouldBe(M("7.5")); // 10,000 x (0.045% + 0.03%)
        tierFee.Platform.ShouldBe(M("0.75"));
        tierFee.Operator.ShouldBe(M("2.25"));
        FeeModel.TraderRate(BaseFees, policy, Liquidity.Taker, M("1000000")).ShouldBe(R("0.00075"));
        FeeModel.TraderRate(BaseFees, policy, Liquidity.Taker).ShouldBe(R("0.00095"));
    }

    [Fact]
    public void A_referred_trader_s_rebate_comes_out_of_the_operator_s_part_only()
    {
        var policy = OperatorPolicy.Open with { Markups = MarkupSchedule.Flat(R("0.0005")), PlatformShareOfMarkup = R("0.2"), ReferralRebateShare = R("0.25") };
        var fill = new FeeParameters(Q("0.1"), P("100000"), Liquidity.Taker, BaseFees, policy);

        var plain = FeeModel.Charge(fill).Value;
        plain.Referral.ShouldBe(Money.Zero);
        plain.Operator.ShouldBe(M("4"));

        var referred = FeeModel.Charge(fill with { Referred = true }).Value;
        referred.Total.ShouldBe(plain.Total);
        referred.Platform.ShouldBe(plain.Platform);
        referred.Referral.ShouldBe(M("1"));
        referred.Operator.ShouldBe(M("3"));
    }

    [Fact]
    public void Differing_maker_and_taker_markups_each_apply_to_their_liquidity()
    {
        var policy = OperatorPolicy.Open with { Markups = new MarkupSchedule(R("0.0001"), R("0.0004"), []) };
        FeeModel.Charge(new FeeParameters(Q("1"), P("10000"), Liquidity.Maker, BaseFees, policy)).Value.Total.ShouldBe(M("2.5")); // 0.015% + 0.01%
        FeeModel.Charge(new FeeParameters(Q("1"), P("10000"), Liquidity.Taker, BaseFees, policy)).Value.Total.ShouldBe(M("8.5")); // 0.045% + 0.04%
    }

    [Theory]
    [InlineData("0", "0.0001", "0.0001", "min_volume_not_positive", "volume_tiers[0].min_volume")]
    [InlineData("100", "0.011", "0.0001", "maker_markup_out_of_range", "volume_tiers[0].maker_markup")]
    [InlineData("100", "0.0001", "-0.0001", "taker_markup_out_of_range", "volume_tiers[0].taker_markup")]
    [InlineData("100", "0.0003", "0.0001", "volume_tier_markup_rises", "volume_tiers[0]")]
    public void A_tier_that_cannot_apply_is_refused_with_its_field(string minVolume, string maker, string taker, string code, string field)
    {
        var schedule = new MarkupSchedule(R("0.0002"), R("0.0005"), [new VolumeTier(M(minVolume), R(maker), R(taker))]);
        var error = schedule.Validate().ShouldNotBeNull();
        error.Code.ShouldBe(code);
        error.Field.ShouldBe(field);
    }

    [Fact]
    public void Tiers_out_of_ascending_order_are_refused()
    {
        var schedule = Tiered with { Tiers = [Tiered.Tiers[1], Tiered.Tiers[0]] };
        var error = schedule.Validate().ShouldNotBeNull();
        error.Code.ShouldBe("volume_tiers_not_ascending");
        error.Field.ShouldBe("volume_tiers[1].min_volume");
        (Tiered with { Tiers = [Tiered.Tiers[0], Tiered.Tiers[0]] }).Validate()!.Code.ShouldBe("volume_tiers_not_ascending");
        Tiered.Validate().ShouldBeNull();
    }

    [Fact]
    public void Base_markups_above_one_percent_are_refused()
    {
        new MarkupSchedule(R("0.0101"), Rate.Zero, []).Validate()!.Code.ShouldBe("maker_markup_out_of_range");
        MarkupSchedule.Flat(R("0.01")).Validate().ShouldBeNull();
    }

    private static Rate R(string text) => Rate.Parse(text);
}
