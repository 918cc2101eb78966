using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Operators;

public sealed class OperatorPolicyTests
{
    [Fact]
    public void A_policy_that_cannot_be_applied_is_refused_with_its_code()
    {
        (OperatorPolicy.Open with { CrossOffered = false, IsolatedOffered = false }).Validate()!.Code.ShouldBe("no_margin_mode_offered");
        (OperatorPolicy.Open with { LeverageCaps = null! }).Validate()!.Code.ShouldBe("required");
        (OperatorPolicy.Open with { LeverageCaps = new Dictionary<MarketId, int> { [Btc.Id] = 0 } }).Validate()!.Code.ShouldBe("leverage_cap_invalid");
        (OperatorPolicy.Open with { Markups = new MarkupSchedule(Rate.Zero, Rate.Parse("-0.0001"), []) }).Validate()!.Code.ShouldBe("taker_markup_out_of_range");
        (OperatorPolicy.Open with { ReferralRebateShare = Rate.Parse("1.01") }).Validate()!.Code.ShouldBe("referral_rebate_out_of_range");
        OperatorPolicy.Open.Validate().ShouldBeNull();
    }

    [Fact]
    public void The_leverage_cap_is_the_lower_of_the_tier_and_the_operator()
    {
        var capped = OperatorPolicy.Open with { LeverageCaps = new Dictionary<MarketId, int> { [Btc.Id] = 25 } };
        capped.MaxLeverageFor(Btc, 0).ShouldBe(25);
        capped.MaxLeverageFor(Eth, 0).ShouldBe(25); // ETH's own tier max
        capped.MaxLeverageFor(Btc, Domain.Margin.Exact.Of(M("200000000"))).ShouldBe(20);
        capped.Offers(MarginMode.Cross).ShouldBeTrue();
        (capped with { IsolatedOffered = false }).Offers(MarginMode.Isolated).ShouldBeFalse();
    }
}
