using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Risk;

public sealed class RiskSizingTests
{
    private static SizingParameters Stop(Side side, string entry, string stop, string loss, int maxLeverage = 40) =>
        new(Btc, side, P(entry), P(stop), PlannedExit.Stop, M(loss), maxLeverage, BaseFees.TakerRate);

    [Fact]
    public void A_hundred_dollar_risk_with_a_one_percent_stop_buys_the_largest_lot_that_fits()
    {
        var result = RiskSizing.Size(Stop(Side.Buy, "100000", "99000", "100")).Value;
        // per BTC: 1,000 move + 0.045% x (100,000 + 99,000) = 1,089.55; 100 / 1,089.55 = 0.09178 -> 0.0917
        result.Size.ShouldBe(Q("0.0917"));
        result.LossAtExit.ShouldBe(M("99.911735")); // 91.7 + 4.1265 + 4.085235 (fees rounded up)
        result.Leverage.ShouldBe(40);
        result.LiquidationPrice.Price!.Value.ShouldBeLessThan(P("99000"));
    }

    [Fact]
    public void A_tight_stop_near_liquidation_lowers_the_leverage()
    {
        // at 40x a long liquidates near 98,734: a stop at 98,500 needs less leverage
        var result = RiskSizing.Size(Stop(Side.Buy, "100000", "98500", "100")).Value;
        result.Leverage.ShouldBeLessThan(40);
        result.LiquidationPrice.Price!.Value.ShouldBeLessThan(P("98500"));
        RiskSizing.Size(Stop(Side.Buy, "100000", "98500", "100") with { Kind = PlannedExit.Stop, MaxLeverage = result.Leverage + 1 }).Value.Leverage.ShouldBe(result.Leverage);
    }

    [Fact]
    public void A_short_sizes_with_its_stop_above_entry()
    {
        var result = RiskSizing.Size(Stop(Side.Sell, "100000", "102000", "500", maxLeverage: 10)).Value;
        result.Leverage.ShouldBe(10);
        result.LiquidationPrice.Price!.Value.ShouldBeGreaterThan(P("102000"));
        result.LossAtExit.ShouldBeLessThanOrEqualTo(M("500"));
    }

    [Fact]
    public void Sizing_to_a_liquidation_price_risks_exactly_the_margin()
    {
        var parameters = new SizingParameters(Btc, Side.Buy, P("100000"), P("90000"), PlannedExit.Liquidation, M("1000"), 40, BaseFees.TakerRate);
        var result = RiskSizing.Size(parameters).Value;
        // liquidation at or below 90,000 allows at most 8x (9x liquidates near 90,014, 8x near 88,608)
        result.Leverage.ShouldBe(8);
        result.Size.ShouldBe(Q("0.08"));
        result.InitialMargin.ShouldBe(M("1000"));
        result.LossAtExit.ShouldBe(result.InitialMargin);
        result.LiquidationPrice.Price!.Value.ShouldBeLessThanOrEqualTo(P("90000"));
    }

    [Fact]
    public void Bad_sizing_inputs_are_refused()
    {
        RiskSizing.Size(Stop(Side.Buy, "100000", "101000", "100")).Error!.Code.ShouldBe("exit_price_wrong_side");
        RiskSizing.Size(Stop(Side.Sell, "100000", "99000", "100")).Error!.Code.ShouldBe("exit_price_wrong_side");
        RiskSizing.Size(Stop(Side.Buy, "100000", "99000", "0")).Error!.Code.ShouldBe("max_loss_not_positive");
        RiskSizing.Size(Stop(Side.Buy, "0", "99000", "10")).Error!.Code.ShouldBe("entry_price_not_positive");
        RiskSizing.Size(Stop(Side.Buy, "100000", "0", "10")).Error!.Code.ShouldBe("exit_price_not_positive");
        RiskSizing.Size(Stop(Side.Buy, "100000", "99000", "10", maxLeverage: 0)).Error!.Code.ShouldBe("leverage_out_of_range");
        RiskSizing.Size(Stop(Side.Buy, "100000", "99000", "0.01")).Error!.Code.ShouldBe("no_size_fits");
        RiskSizing.Size(Stop(Side.Buy, "100000", "99000", "10") with { Market = null! }).Error!.Code.ShouldBe("required");
    }

    [Fact]
    public void The_size_is_the_largest_lot_multiple_whose_loss_fits_and_liquidation_lies_beyond_the_stop()
    {
        var gen = from side in Generators.Side
                  from entry in Generators.BtcPrice
                  from stopBps in Gen.Choose(10, 2_000)
                  from loss in Gen.Choose(20, 1_000_000)
                  select (side, entry, stopBps, loss);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (side, entry, stopBps, loss) = input;
            var offset = Btc.RoundPriceToTick(new Price(entry.Units / 10_000 * stopBps), Rounding.Ceiling);
            var stop = side == Side.Buy ? entry - offset : entry + offset;
            var parameters = new SizingParameters(Btc, side, entry, stop, PlannedExit.Stop, new Money(loss * 1_000_000L), 40, BaseFees.TakerRate);
            var result = RiskSizing.Size(parameters);
            if (!result.IsSuccess)
            {
                return result.Error.Code == "no_size_fits";
            }

            var sized = result.Value;
            var next = RiskSizing.StopLoss(parameters, sized.Size + Btc.LotSize);
            var beyond = sized.LiquidationPrice.Price is not { } liq || (side == Side.Buy ? liq < stop : liq > stop);
            return sized.LossAtExit <= parameters.MaxLoss && next > parameters.MaxLoss && beyond && Btc.IsOnLot(sized.Size);
        }));
    }

    [Fact]
    public void A_negative_taker_rate_is_refused_when_sizing()
    {
        var parameters = new SizingParameters(Btc, Side.Buy, P("100"), P("90"), PlannedExit.Stop, M("10"), 5, Rate.Parse("-0.001"));
        RiskSizing.Size(parameters).Error!.Code.ShouldBe("taker_rate_out_of_range");
    }
}
