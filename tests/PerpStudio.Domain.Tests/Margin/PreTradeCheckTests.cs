using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Tests.Orders;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class PreTradeCheckTests
{
    private static PreTradeCheckParameters Parameters(OrderRequest order, CrossAccount account, IsolatedPosition? isolated = null) =>
        new(order, Catalog, Policy, BaseFees, P("100000"), account, isolated);

    [Fact]
    public void A_cross_order_needs_its_initial_margin_and_fee_from_free_collateral()
    {
        // buy 0.1 at 99,000 (resting below the mark): IM 0.1 x 100,000 / 10 = 1,000; taker fee 9,900 x 0.045% = 4.455
        var decision = PreTradeCheck.Check(Parameters(OrderValidatorTests.LimitBuy, Account("1004.455")));
        decision.Accepted.ShouldBeTrue();
        decision.InitialMargin.ShouldBe(M("1000"));
        decision.Fee.ShouldBe(M("4.455"));
        decision.MarginRequired.ShouldBe(M("1004.455"));
        decision.Available.ShouldBe(M("1004.455"));
    }

    [Fact]
    public void Insufficient_margin_says_what_is_required_and_what_is_available()
    {
        var decision = PreTradeCheck.Check(Parameters(OrderValidatorTests.LimitBuy, Account("1004.454999")));
        decision.Accepted.ShouldBeFalse();
        decision.Refusal!.Code.ShouldBe("insufficient_margin");
        decision.Refusal.Kind.ShouldBe(ErrorKind.FailedPrecondition);
        decision.Refusal.Message.ShouldBe("margin required 1004.455, available 1004.454999");
    }

    [Fact]
    public void Buying_above_the_mark_also_needs_the_loss_taken_at_entry()
    {
        var order = OrderValidatorTests.LimitBuy with { LimitPrice = P("101000") };
        var decision = PreTradeCheck.Check(Parameters(order, Account("5000")));
        // IM 1,000 + fee 10,100 x 0.045% = 4.545 + entry loss 0.1 x 1,000 = 100
        decision.MarginRequired.ShouldBe(M("1104.545"));
    }

    [Fact]
    public void A_post_only_order_is_estimated_at_the_maker_rate()
    {
        var order = OrderValidatorTests.LimitBuy with { TimeInForce = TimeInForce.PostOnly };
        PreTradeCheck.Check(Parameters(order, Account("5000"))).Fee.ShouldBe(M("1.485")); // 9,900 x 0.015%
    }

    [Fact]
    public void Adding_to_a_cross_position_counts_only_the_extra_initial_margin()
    {
        var account = CrossAccountTests.Fill(Account("1100"), Btc, Side.Buy, "0.1", "100000", 10);
        // the held 0.1 uses 1,000; after the order 0.2 needs 2,000: 1,000 more + fee 4.455, but only 100 is free
        var decision = PreTradeCheck.Check(Parameters(OrderValidatorTests.LimitBuy, account));
        decision.MarginRequired.ShouldBe(M("1004.455"));
        decision.Available.ShouldBe(M("100"));
        decision.Refusal!.Code.ShouldBe("insufficient_margin");
    }

    [Fact]
    public void An_order_that_only_reduces_is_accepted_even_without_free_collateral()
    {
        var account = CrossAccountTests.Fill(Account("1000"), Btc, Side.Sell, "0.1", "100000", 10, "105000");
        account.FreeCollateral.IsNegative.ShouldBeTrue();
        var close = OrderValidatorTests.LimitBuy with { LimitPrice = P("105000"), ReduceOnly = true };
        PreTradeCheck.Check(Parameters(close, account)).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void An_isolated_order_is_funded_from_withdrawable_collateral()
    {
        var order = OrderValidatorTests.LimitBuy with { MarginMode = MarginMode.Isolated };
        var decision = PreTradeCheck.Check(Parameters(order, Account("2000")));
        decision.Accepted.ShouldBeTrue();
        decision.MarginRequired.ShouldBe(M("1004.455"));
        decision.Available.ShouldBe(M("2000"));

        var busy = CrossAccountTests.Fill(Account("2000"), Eth, Side.Buy, "5", "3000", 10);
        // cross initial margin 1,500 and 10% floor 1,500 leave 500 withdrawable
        PreTradeCheck.Check(Parameters(order, busy)).Refusal!.Message.ShouldBe("margin required 1004.455, available 500");
    }

    [Fact]
    public void Validation_refusals_come_back_unchanged()
    {
        var decision = PreTradeCheck.Check(Parameters(OrderValidatorTests.LimitBuy with { LimitPrice = P("99000.001") }, Account("1000000")));
        decision.Refusal!.Code.ShouldBe("price_off_tick");
        decision.Refusal.Field.ShouldBe("price");
        PreTradeCheck.Check(Parameters(OrderValidatorTests.LimitBuy, null!)).Refusal!.Field.ShouldBe("account");
        PreTradeCheck.Check(Parameters(OrderValidatorTests.LimitBuy, Account("1")) with { Fees = null! }).Refusal!.Field.ShouldBe("fee_schedule");
    }

    [Fact]
    public void An_isolated_position_of_another_market_is_refused()
    {
        var order = OrderValidatorTests.LimitBuy with { MarginMode = MarginMode.Isolated };
        var ethPosition = IsolatedPositionTests.Open(Eth, Side.Buy, "1", "3000", 5);
        PreTradeCheck.Check(Parameters(order, Account("5000"), ethPosition)).Refusal!.Code.ShouldBe("isolated_market_mismatch");
    }
}
