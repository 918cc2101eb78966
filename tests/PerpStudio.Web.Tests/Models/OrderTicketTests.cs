using PerpStudio.Api.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Web.Models;

namespace PerpStudio.Web.Tests.Models;

public sealed class OrderTicketTests
{
    private static OrderTicketInput Ticket(string? size = "0.5", string? type = "market", string? price = null, string? mode = "isolated", string? leverage = "10",
        string? tp = null, string? sl = null, string? side = "buy", string? reduceOnly = null) =>
        new("BTC-USD", side, type, size, price, reduceOnly, mode, leverage, tp, sl);

    [Fact]
    public void A_market_ticket_parses_into_the_exact_domain_order()
    {
        var ticket = OrderTicket.Parse(Ticket(tp: "110000.5", sl: "95000"), "web:1");

        var order = ticket.Order;
        order.ClientOrderId.Value.ShouldBe("web:1");
        order.Market.Symbol.ShouldBe("BTC-USD");
        order.Side.ShouldBe(Side.Buy);
        order.Type.ShouldBe(OrderType.Market);
        order.TimeInForce.ShouldBe(TimeInForce.Ioc);
        order.Size.ShouldBe(Quantity.Parse("0.5"));
        order.MarginMode.ShouldBe(MarginMode.Isolated);
        order.Leverage.ShouldBe(10);
        ticket.TakeProfit.ShouldBe(Price.Parse("110000.5"));
        ticket.StopLoss.ShouldBe(Price.Parse("95000"));
    }

    [Fact]
    public void Post_only_is_a_limit_order_that_must_rest()
    {
        var order = OrderTicket.Parse(Ticket(type: "post-only", price: "99999.9", mode: "cross", side: "sell", reduceOnly: "on")).Order;

        order.Type.ShouldBe(OrderType.Limit);
        order.TimeInForce.ShouldBe(TimeInForce.PostOnly);
        order.LimitPrice.ShouldBe(Price.Parse("99999.9"));
        order.MarginMode.ShouldBe(MarginMode.Cross);
        order.Side.ShouldBe(Side.Sell);
        order.ReduceOnly.ShouldBeTrue();
    }

    [Fact]
    public void An_empty_leverage_leaves_it_to_the_position_or_the_operator_default()
    {
        OrderTicket.Parse(Ticket(leverage: "")).Order.Leverage.ShouldBe(0);
    }

    [Theory]
    [InlineData("", "size", "required")]
    [InlineData("0.000000001", "size", "size_malformed")]
    [InlineData("1e3", "size", "size_malformed")]
    [InlineData("-1", "size", "size_not_positive")]
    public void A_bad_size_names_the_size_field(string size, string field, string code)
    {
        var refusal = Should.Throw<ApiException>(() => OrderTicket.Parse(Ticket(size: size))).Error;

        refusal.Field.ShouldBe(field);
        refusal.Code.ShouldBe(code);
    }

    [Fact]
    public void A_limit_order_without_a_price_is_refused_on_the_price_field()
    {
        var refusal = Should.Throw<ApiException>(() => OrderTicket.Parse(Ticket(type: "limit"))).Error;

        refusal.Field.ShouldBe("price");
        refusal.Code.ShouldBe("required");
    }

    [Fact]
    public void A_price_with_more_decimals_than_the_domain_holds_is_refused_not_rounded()
    {
        var refusal = Should.Throw<ApiException>(() => OrderTicket.Parse(Ticket(type: "limit", price: "100.123456789"))).Error;

        refusal.Field.ShouldBe("price");
        refusal.Code.ShouldBe("price_malformed");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    [InlineData("2.5")]
    public void A_leverage_that_is_not_a_whole_number_from_one_is_refused(string leverage)
    {
        Should.Throw<ApiException>(() => OrderTicket.Parse(Ticket(leverage: leverage))).Error.Field.ShouldBe("leverage");
    }

    [Fact]
    public void Leverage_above_the_market_cap_is_left_to_the_domain_to_refuse_with_its_own_reason()
    {
        OrderTicket.Parse(Ticket(leverage: "500")).Order.Leverage.ShouldBe(500);
    }

    [Fact]
    public void An_unknown_side_type_or_mode_is_refused_on_its_field()
    {
        Should.Throw<ApiException>(() => OrderTicket.Parse(Ticket(side: "long"))).Error.Field.ShouldBe("side");
        Should.Throw<ApiException>(() => OrderTicket.Parse(Ticket(type: "stop"))).Error.Field.ShouldBe("type");
        Should.Throw<ApiException>(() => OrderTicket.Parse(Ticket(mode: "portfolio"))).Error.Field.ShouldBe("margin_mode");
    }

    [Fact]
    public void Every_ticket_gets_a_fresh_valid_client_order_id()
    {
        var a = OrderTicket.Parse(Ticket()).Order.ClientOrderId.Value;
        var b = OrderTicket.Parse(Ticket()).Order.ClientOrderId.Value;

        a.ShouldNotBe(b);
        ClientOrderId.IsValid(a).ShouldBeTrue();
    }
}
