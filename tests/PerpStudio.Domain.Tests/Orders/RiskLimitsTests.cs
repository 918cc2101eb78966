using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Orders;

public sealed class RiskLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static ValidatedOrder Validated(Side side, string size, Position current) =>
        OrderValidator.Validate(new OrderValidationParameters(
            OrderValidatorTests.LimitBuy with { Side = side, Size = Q(size), LimitPrice = side == Side.Buy ? P("99000") : P("101000") },
            Catalog, Policy, P("100000"), current)).Value;

    private static RiskLimitParameters Limits(ValidatedOrder order, TimeSpan markAge, bool flagged = false, string maxNotional = "0") =>
        new(order, Now - markAge, flagged, Now, TimeSpan.FromSeconds(30), Money.Parse(maxNotional));

    [Fact]
    public void A_mark_older_than_the_threshold_refuses_an_order_that_adds_risk()
    {
        var refusal = RiskLimits.Check(Limits(Validated(Side.Buy, "0.1", Position.Flat), TimeSpan.FromSeconds(31)));

        refusal.ShouldNotBeNull();
        refusal.Code.ShouldBe("stale_mark");
        refusal.Field.ShouldBe("market");
        refusal.Message.ShouldContain("2026-11-21T11:59:29");
    }

    [Fact]
    public void A_mark_the_market_flagged_stale_refuses_even_when_it_is_recent()
    {
        RiskLimits.Check(Limits(Validated(Side.Buy, "0.1", Position.Flat), TimeSpan.Zero, flagged: true))!.Code.ShouldBe("stale_mark");
    }

    [Fact]
    public void An_order_that_only_reduces_passes_a_stale_mark_and_the_position_limit()
    {
        var long1 = Position.Open(Side.Buy, Q("1"), P("100000"));
        var closing = Validated(Side.Sell, "0.5", long1);

        RiskLimits.Check(Limits(closing, TimeSpan.FromHours(1), flagged: true, maxNotional: "10")).ShouldBeNull();
    }

    [Fact]
    public void A_position_may_grow_up_to_the_operator_limit_and_not_beyond()
    {
        // 0.1 BTC at a 100,000 mark is worth exactly 10,000
        RiskLimits.Check(Limits(Validated(Side.Buy, "0.1", Position.Flat), TimeSpan.Zero, maxNotional: "10000")).ShouldBeNull();

        var refusal = RiskLimits.Check(Limits(Validated(Side.Buy, "0.1", Position.Flat), TimeSpan.Zero, maxNotional: "9999.99"));
        refusal!.Code.ShouldBe("position_limit_exceeded");
        refusal.Field.ShouldBe("size");
        refusal.Message.ShouldContain("10000");
    }
}
