using PerpStudio.Domain.Orders;

namespace PerpStudio.Domain.Tests.Orders;

public sealed class MarginModeLockTests
{
    private static readonly OrderRequest Cross = OrderValidatorTests.LimitBuy with { MarginMode = MarginMode.Cross };
    private static readonly OrderRequest Isolated = OrderValidatorTests.LimitBuy with { MarginMode = MarginMode.Isolated };

    [Fact]
    public void An_order_in_the_mode_of_the_open_position_or_with_none_open_passes()
    {
        MarginModeLock.Check(Cross, hasOpenCross: true, hasOpenIsolated: false).ShouldBeNull();
        MarginModeLock.Check(Isolated, hasOpenCross: false, hasOpenIsolated: true).ShouldBeNull();
        MarginModeLock.Check(Isolated, hasOpenCross: false, hasOpenIsolated: false).ShouldBeNull();
    }

    [Fact]
    public void An_order_in_the_other_mode_is_refused_while_the_position_is_open()
    {
        var refusal = MarginModeLock.Check(Isolated, hasOpenCross: true, hasOpenIsolated: false);

        refusal!.Code.ShouldBe("margin_mode_locked");
        refusal.Field.ShouldBe("margin_mode");
        refusal.Message.ShouldContain("is cross");
        MarginModeLock.Check(Cross, hasOpenCross: false, hasOpenIsolated: true)!.Message.ShouldContain("is isolated");
    }
}
