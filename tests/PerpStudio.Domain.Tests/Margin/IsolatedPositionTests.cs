using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class IsolatedPositionTests
{
    internal static IsolatedPosition Open(MarketRules market, Side side, string size, string price, int leverage)
    {
        var position = Position.Open(side, Q(size), P(price));
        var margin = MarginModel.InitialMarginOf(Exact.Notional(position.Size, P(price)), leverage);
        return new IsolatedPosition(market.Id, position, margin, leverage);
    }

    [Fact]
    public void One_btc_long_at_100000_with_10x_isolated_liquidates_at_91139_24()
    {
        var position = Open(Btc, Side.Buy, "1", "100000", 10);
        position.Margin.ShouldBe(M("10000"));

        var liquidation = position.LiquidationPrice(Btc);

        // exact root 90,000 / (1 - 1/80) = 91,139.2405063291..., the published 91,139.24 at two decimals
        liquidation.Unrounded.ShouldBe(P("91139.24050633")); // rounded up at 1e-8: a long's harm is up
        decimal.Round(liquidation.Unrounded!.Value.ToDecimal(), 2, MidpointRounding.ToZero).ShouldBe(91139.24m);
        liquidation.Price.ShouldBe(P("91139.25")); // and up again to the 0.01 tick
        liquidation.Tier.ShouldBe(0);
    }

    [Fact]
    public void A_short_liquidates_above_entry_and_rounds_down_to_the_tick()
    {
        var position = Open(Btc, Side.Sell, "1", "100000", 10);
        var liquidation = position.LiquidationPrice(Btc);
        // 110,000 / (1 + 1/80) = 108,641.975308641...
        liquidation.Unrounded.ShouldBe(P("108641.97530864"));
        liquidation.Price.ShouldBe(P("108641.97"));
    }

    [Fact]
    public void A_fully_collateralised_long_has_no_liquidation_price()
    {
        var position = Open(Btc, Side.Buy, "2", "50000", 1);
        position.LiquidationPrice(Btc).Price.ShouldBeNull();
        position.Health(Btc, P("1")).Liquidatable.ShouldBeFalse();
    }

    [Fact]
    public void A_one_x_short_liquidates_near_twice_its_entry()
    {
        var position = Open(Btc, Side.Sell, "1", "100000", 1);
        // (100,000 + 100,000) / (1 + 1/80)
        position.LiquidationPrice(Btc).Price.ShouldBe(P("197530.86"));
    }

    [Fact]
    public void The_liquidation_price_uses_the_tier_that_holds_at_that_price()
    {
        // testnet BTC: a 2 BTC long at 100,000 (200k notional, 5x tier) at 4x
        var position = Open(BtcTestnet, Side.Buy, "2", "100000", 4);
        var liquidation = position.LiquidationPrice(BtcTestnet);
        // margin 50,000; in the 5x tier (100k..300k): 2p - 150,000 = 2p/10 - 6,575 -> p = 143,425 / 1.8 = 79,680.5555...
        liquidation.Tier.ShouldBe(3);
        liquidation.Unrounded.ShouldBe(P("79680.55555556"));
        var equity = position.Equity(liquidation.Unrounded!.Value);
        var maintenance = BtcTestnet.Table.MaintenanceMargin(position.Position.Size, liquidation.Unrounded.Value);
        Math.Abs(equity.Units - maintenance.Units).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public void Health_reports_equity_margins_floor_and_ratio_at_a_mark()
    {
        var position = Open(Btc, Side.Buy, "1", "100000", 10);
        var health = position.Health(Btc, P("95000"));
        health.Equity.ShouldBe(M("5000"));
        health.PositionValue.ShouldBe(M("95000"));
        health.InitialMargin.ShouldBe(M("9500"));
        health.MaintenanceMargin.ShouldBe(M("1187.5"));
        health.TransferFloor.ShouldBe(M("9500"));
        health.MarginRatio.ShouldBe(Rate.Parse("0.2375")); // 1,187.5 / 5,000
        health.Liquidatable.ShouldBeFalse();
        health.MaxRemovable.ShouldBe(Money.Zero);
        position.Health(Btc, P("91139")).Liquidatable.ShouldBeTrue();
    }

    [Fact]
    public void Removing_margin_below_the_floor_is_rejected_with_the_most_that_can_leave()
    {
        var position = Open(Btc, Side.Buy, "1", "100000", 10).AddMargin(M("5000")).Value;
        // equity 15,000, floor max(10,000, 10,000) = 10,000
        var refused = position.RemoveMargin(Btc, P("100000"), M("5000.000001"));
        refused.IsSuccess.ShouldBeFalse();
        refused.Error.Code.ShouldBe("transfer_exceeds_floor");
        refused.Error.Message.ShouldContain("5000");

        var removed = position.RemoveMargin(Btc, P("100000"), M("5000")).Value;
        removed.After.Margin.ShouldBe(M("10000"));
        removed.StillRemovable.ShouldBe(Money.Zero);
    }

    [Fact]
    public void The_ten_percent_floor_binds_when_it_exceeds_initial_margin()
    {
        // at 20x initial margin is 5% of value, so the floor is the 10%
        var position = Open(Btc, Side.Buy, "1", "100000", 20).AddMargin(M("20000")).Value;
        var health = position.Health(Btc, P("100000"));
        health.TransferFloor.ShouldBe(M("10000"));
        health.MaxRemovable.ShouldBe(M("15000"));
    }

    [Fact]
    public void Unrealized_profit_can_be_removed_down_to_the_floor()
    {
        var position = Open(Btc, Side.Buy, "1", "100000", 10);
        var health = position.Health(Btc, P("110000"));
        // equity 20,000; floor max(11,000, 11,000)
        health.MaxRemovable.ShouldBe(M("9000"));
    }

    [Fact]
    public void Margin_cannot_be_removed_in_an_isolated_only_market()
    {
        var position = Open(IsolatedOnly, Side.Buy, "100", "10", 2).AddMargin(M("100")).Value;
        position.RemoveMargin(IsolatedOnly, P("10"), M("1")).Error!.Code.ShouldBe("margin_removal_not_allowed");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Adding_or_removing_a_non_positive_amount_is_refused(string amount)
    {
        var position = Open(Btc, Side.Buy, "1", "100000", 10);
        position.AddMargin(M(amount)).Error!.Code.ShouldBe("amount_not_positive");
        position.RemoveMargin(Btc, P("100000"), M(amount)).Error!.Code.ShouldBe("amount_not_positive");
    }

    [Fact]
    public void Closing_releases_the_margin_and_never_takes_a_loss_beyond_it_from_the_account()
    {
        var position = Open(Btc, Side.Buy, "1", "100000", 10);
        var half = position.ApplyFill(Side.Sell, Q("0.5"), P("100000"), M("10"), Money.Zero);
        half.MarginReleased.ShouldBe(M("4995")); // (10,000 - 10 fee) x 1/2
        half.After.Margin.ShouldBe(M("4995"));

        var wipedOut = position.ApplyFill(Side.Sell, Q("1"), P("85000"), M("38.25"), Money.Zero);
        wipedOut.RealizedPnl.ShouldBe(M("-15000"));
        wipedOut.MarginReleased.ShouldBe(Money.Zero);
        wipedOut.BadDebt.ShouldBe(M("5038.25"));
        wipedOut.After.Margin.ShouldBe(Money.Zero);
    }
}
