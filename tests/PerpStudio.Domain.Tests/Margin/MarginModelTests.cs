using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class MarginModelTests
{
    [Fact]
    public void Initial_margin_is_size_times_price_over_leverage_rounded_up()
    {
        var margin = MarginModel.InitialMargin(new InitialMarginParameters(Btc, Q("1"), P("100000"), 10)).Value;
        margin.Value.ShouldBe(M("10000"));
        margin.MaxLeverage.ShouldBe(40);
        // 0.0003 x 33,333.33 / 7 = 1.42857128...: rounded up
        MarginModel.InitialMargin(new InitialMarginParameters(Btc, Q("0.0003"), P("33333.33"), 7)).Value.Value.ShouldBe(M("1.428572"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(41)]
    public void Leverage_outside_one_to_the_tier_max_is_refused(int leverage)
    {
        var error = MarginModel.InitialMargin(new InitialMarginParameters(Btc, Q("1"), P("100000"), leverage)).Error!;
        error.Code.ShouldBe("leverage_out_of_range");
        error.Field.ShouldBe("leverage");
        error.Message.ShouldContain("1..40");
    }

    [Fact]
    public void Leverage_allowed_depends_on_the_tier_of_the_notional()
    {
        // 2,000 BTC at 100,000 = 200M: the 20x tier
        MarginModel.InitialMargin(new InitialMarginParameters(Btc, Q("2000"), P("100000"), 25)).Error!.Message.ShouldContain("1..20");
        MarginModel.InitialMargin(new InitialMarginParameters(Btc, Q("2000"), P("100000"), 20)).Value.Value.ShouldBe(M("10000000"));
    }

    [Fact]
    public void Maintenance_reports_tier_rate_and_deduction()
    {
        var mm = MarginModel.MaintenanceMargin(new MaintenanceMarginParameters(Btc, Q("-2000"), P("100000"))).Value;
        mm.Value.ShouldBe(M("3125000"));
        mm.Tier.ShouldBe(1);
        mm.Rate.ShouldBe(Rate.Parse("0.025"));
        mm.Deduction.ShouldBe(M("1875000"));
    }

    [Fact]
    public void Missing_market_or_non_positive_prices_are_refused()
    {
        MarginModel.InitialMargin(new InitialMarginParameters(null!, Q("1"), P("1"), 1)).Error!.Code.ShouldBe("required");
        MarginModel.InitialMargin(new InitialMarginParameters(Btc, Q("1"), Price.Zero, 1)).Error!.Code.ShouldBe("price_not_positive");
        MarginModel.MaintenanceMargin(new MaintenanceMarginParameters(Btc, Q("1"), P("-1"))).Error!.Code.ShouldBe("mark_not_positive");
        MarginModel.MaintenanceMargin(new MaintenanceMarginParameters(null!, Q("1"), P("1"))).Error!.Code.ShouldBe("required");
    }

    [Fact]
    public void The_transfer_floor_is_the_larger_of_initial_margin_and_ten_percent()
    {
        var notional = Exact.Notional(Q("1"), P("100000"));
        MarginModel.TransferFloorOf(notional, M("5000")).ShouldBe(M("10000"));
        MarginModel.TransferFloorOf(notional, M("20000")).ShouldBe(M("20000"));
    }
}
