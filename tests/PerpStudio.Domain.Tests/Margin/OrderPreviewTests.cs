using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Tests.Orders;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class OrderPreviewTests
{
    private static readonly OrderRequest MarketBuy = OrderValidatorTests.LimitBuy with
    {
        Type = OrderType.Market,
        LimitPrice = null,
        TimeInForce = TimeInForce.Ioc,
        Size = Q("1"),
    };

    [Fact]
    public void An_isolated_preview_shows_the_known_liquidation_price_less_the_fee()
    {
        var order = MarketBuy with { MarginMode = MarginMode.Isolated };
        var preview = OrderPreview.Preview(new PreTradeCheckParameters(order, Catalog, Policy, BaseFees, P("100000"), Account("20000"))).Value;

        preview.Decision.Accepted.ShouldBeTrue();
        preview.Decision.MarginRequired.ShouldBe(M("10045")); // 10,000 + 45 taker fee, which the margin then pays
        preview.Liquidity.ShouldBe(Liquidity.Taker);
        preview.ResultingSize.ShouldBe(Q("1"));
        preview.ResultingEntryPrice.ShouldBe(P("100000"));
        preview.LiquidationPrice.Price.ShouldBe(P("91139.25")); // the 91,139.24 example, rounded up to the tick
        preview.MarginRatio.ShouldBe(Rate.Parse("0.125")); // 1,250 / 10,000
    }

    [Fact]
    public void A_cross_preview_uses_the_whole_account()
    {
        var preview = OrderPreview.Preview(new PreTradeCheckParameters(MarketBuy, Catalog, Policy, BaseFees, P("100000"), Account("10045"))).Value;
        preview.Decision.Accepted.ShouldBeTrue();
        preview.LiquidationPrice.Unrounded.ShouldBe(P("91139.24050633"));
        preview.MarginRatio.ShouldBe(Rate.Parse("0.125"));
    }

    [Fact]
    public void A_preview_without_enough_margin_still_shows_the_result_with_the_refusal()
    {
        var preview = OrderPreview.Preview(new PreTradeCheckParameters(MarketBuy, Catalog, Policy, BaseFees, P("100000"), Account("5000"))).Value;
        preview.Decision.Refusal!.Code.ShouldBe("insufficient_margin");
        preview.LiquidationPrice.Price!.Value.ShouldBeGreaterThan(P("95000"));
    }

    [Fact]
    public void A_preview_of_an_invalid_order_is_the_refusal()
    {
        OrderPreview.Preview(new PreTradeCheckParameters(MarketBuy with { Size = Q("0.00001") }, Catalog, Policy, BaseFees, P("100000"), Account("5000")))
            .Error!.Code.ShouldBe("size_off_lot");
    }
}
