using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Operators;

public sealed class OperatorGrainTests
{
    [Fact]
    public async Task Configuring_bumps_the_version_and_derives_the_domain_policy()
    {
        await using var silo = await GrainsSilo.StartAsync();
        (await silo.Operator.GetConfigAsync()).Version.ShouldBe(0);
        var config = await silo.ConfigureAsync(c => c with { IsolatedOffered = false });
        config.Version.ShouldBe(1);
        var policy = await silo.Operator.GetPolicyAsync();
        policy.Offers(MarginMode.Isolated).ShouldBeFalse();
        policy.LeverageCapFor(GrainsSilo.Btc).ShouldBe(20);
        policy.Markups.Maker.ShouldBe(Rate.Of(0.0002m));
        policy.Markups.Taker.ShouldBe(Rate.Of(0.0002m));
    }

    [Fact]
    public async Task A_change_made_from_a_stale_version_is_refused_and_changes_nothing()
    {
        await using var silo = await GrainsSilo.StartAsync();
        var first = await silo.ConfigureAsync();
        var stale = await silo.Operator.ConfigureAsync(new OperatorConfigChange(0, [], false, true, OperatorFees.None, OperatorRisk.Default, false));
        stale.Error!.Code.ShouldBe("config_version_stale");
        (await silo.Operator.GetConfigAsync()).ShouldBe(first);
    }

    [Theory]
    [InlineData(1, 0, "leverage_cap_invalid")]
    [InlineData(11, 10, "default_leverage_invalid")]
    public async Task Invalid_leverage_offerings_are_refused_with_their_code(int defaultLeverage, int maxLeverage, string code)
    {
        await using var silo = await GrainsSilo.StartAsync();
        var result = await silo.Operator.ConfigureAsync(new OperatorConfigChange(0,
            [new MarketOffering(new MarketId("BTC-USD"), defaultLeverage, maxLeverage, ["sim-a"])], true, true, OperatorFees.None, OperatorRisk.Default, false));
        result.Error!.Code.ShouldBe(code);
        (await silo.Operator.GetConfigAsync()).Version.ShouldBe(0);
    }

    [Fact]
    public async Task A_markup_above_the_domain_maximum_is_refused_by_the_domain_policy()
    {
        await using var silo = await GrainsSilo.StartAsync();
        var result = await silo.Operator.ConfigureAsync(new OperatorConfigChange(0, [], true, true,
            new OperatorFees(Rate.Of(0.02m), Rate.Zero, Rate.Zero), OperatorRisk.Default, false));
        result.Error!.Code.ShouldBe("maker_markup_out_of_range");
        result.Error.Kind.ShouldBe(ErrorKind.InvalidArgument);
    }

    [Fact]
    public async Task Tiers_and_a_referral_share_reach_the_domain_policy_and_bad_tiers_are_refused()
    {
        await using var silo = await GrainsSilo.StartAsync();
        var tiers = new[] { new VolumeTier(Money.Of(1_000_000m), Rate.Of(0.0001m), Rate.Of(0.0003m)) };
        await silo.ConfigureAsync(c => c with
        {
            Fees = c.Fees with { TakerMarkup = Rate.Of(0.0004m), VolumeTiers = [.. tiers], ReferralRebateShare = Rate.Of(0.2m) },
        });
        var policy = await silo.Operator.GetPolicyAsync();
        policy.Markups.Taker.ShouldBe(Rate.Of(0.0004m));
        policy.Markups.MarkupFor(Domain.Margin.Liquidity.Taker, Money.Of(2_000_000m)).ShouldBe(Rate.Of(0.0003m));
        policy.ReferralRebateShare.ShouldBe(Rate.Of(0.2m));

        var before = await silo.Operator.GetConfigAsync();
        var rising = await silo.Operator.ConfigureAsync(new OperatorConfigChange(before.Version, before.Markets, true, true,
            before.Fees with { VolumeTiers = [new VolumeTier(Money.Of(10m), Rate.Of(0.0009m), Rate.Zero)] }, OperatorRisk.Default, true));
        rising.Error!.Code.ShouldBe("volume_tier_markup_rises");
        (await silo.Operator.GetConfigAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Branding_is_kept_apart_from_the_trading_configuration()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        (await silo.Operator.SetBrandingAsync(new OperatorBranding("Acme Perps", "#ff0000", ""))).IsSuccess.ShouldBeTrue();
        (await silo.Operator.GetBrandingAsync()).DisplayName.ShouldBe("Acme Perps");
        (await silo.Operator.GetConfigAsync()).Version.ShouldBe(1);
    }
}
