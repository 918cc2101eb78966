using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Markets;

public sealed class MarketRulesTests
{
    private static MarketSpec Spec(params MarginTier[] tiers) =>
        new(new MarketId("X-USD"), "X", P("0.01"), Q("0.001"), M("10"), tiers);

    public static TheoryData<MarketSpec, string> BadSpecs => new()
    {
        { Spec(), "margin_tiers_empty" },
        { Spec(new MarginTier(M("1"), 10)), "margin_tier_first_bound_not_zero" },
        { Spec(new MarginTier(M("0"), 0)), "margin_tier_leverage_invalid" },
        { Spec(new MarginTier(M("0"), 1001)), "margin_tier_leverage_invalid" },
        { Spec(new MarginTier(M("0"), 10), new MarginTier(M("0"), 5)), "margin_tiers_not_ascending" },
        { Spec(new MarginTier(M("0"), 10), new MarginTier(M("100"), 20)), "margin_tiers_leverage_increasing" },
        { Spec(new MarginTier(M("0"), 10)) with { TickSize = Price.Zero }, "tick_size_not_positive" },
        { Spec(new MarginTier(M("0"), 10)) with { LotSize = Q("-0.1") }, "lot_size_not_positive" },
        { Spec(new MarginTier(M("0"), 10)) with { MinNotional = M("-1") }, "min_notional_negative" },
        { Spec(new MarginTier(M("0"), 10)) with { BaseAsset = "" }, "required" },
        { Spec(new MarginTier(M("0"), 10)) with { Id = new MarketId("") }, "required" },
        { Spec(new MarginTier(M("0"), 10)) with { MarginTiers = null! }, "margin_tiers_empty" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void A_malformed_spec_is_refused_with_its_code(MarketSpec spec, string code)
    {
        var result = MarketRules.Create(spec);
        result.IsSuccess.ShouldBeFalse();
        result.Error.Code.ShouldBe(code);
    }

    [Fact]
    public void A_missing_spec_is_refused() => MarketRules.Create(null).Error!.Code.ShouldBe("required");

    [Fact]
    public void Ticks_lots_and_minimum_value_are_checked_exactly()
    {
        Btc.IsOnTick(P("100000.01")).ShouldBeTrue();
        Btc.IsOnTick(P("100000.001")).ShouldBeFalse();
        Btc.IsOnLot(Q("0.0001")).ShouldBeTrue();
        Btc.IsOnLot(Q("-0.00015")).ShouldBeFalse();
        Btc.MeetsMinNotional(Q("0.0001"), P("100000")).ShouldBeTrue(); // exactly 10
        Btc.MeetsMinNotional(Q("0.0001"), P("99999.99")).ShouldBeFalse();
    }

    [Fact]
    public void Venues_that_must_round_say_which_way()
    {
        Btc.RoundPriceToTick(P("100.005"), Rounding.Floor).ShouldBe(P("100"));
        Btc.RoundPriceToTick(P("100.005"), Rounding.Ceiling).ShouldBe(P("100.01"));
        Btc.RoundSizeToLot(Q("0.00019"), Rounding.Floor).ShouldBe(Q("0.0001"));
        Btc.RoundSizeToLot(Q("0.00011"), Rounding.Ceiling).ShouldBe(Q("0.0002"));
    }

    [Fact]
    public void Price_and_size_decimals_follow_the_tick_and_lot()
    {
        Btc.PriceDecimals.ShouldBe(2);
        Btc.SizeDecimals.ShouldBe(4);
        Three.SizeDecimals.ShouldBe(0);
        Rules("Y-USD", "Y", "5", "10", "1", [("0", 5)]).PriceDecimals.ShouldBe(0);
    }

    [Fact]
    public void An_unlisted_market_is_not_found()
    {
        var result = Catalog.Find(new MarketId("DOGE-USD"));
        result.Error!.Kind.ShouldBe(Domain.Errors.ErrorKind.NotFound);
        result.Error.Code.ShouldBe("unknown_market");
        Catalog.Find(Btc.Id).Value.ShouldBeSameAs(Btc);
    }
}
