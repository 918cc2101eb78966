using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Orders;

public sealed class OrderValidatorTests
{
    internal static readonly OrderRequest LimitBuy = new(new ClientOrderId("c-1"), Btc.Id, Side.Buy, OrderType.Limit, Q("0.1"), P("99000"),
        TimeInForce.Gtc, false, MarginMode.Cross, 10);

    private static DomainError Refusal(OrderRequest? order, Position? current = null, OperatorPolicy? policy = null, string mark = "100000")
    {
        var result = OrderValidator.Validate(new OrderValidationParameters(order, Catalog, policy ?? Policy, P(mark), current ?? Position.Flat));
        result.IsSuccess.ShouldBeFalse();
        return result.Error;
    }

    public static TheoryData<OrderRequest, string, string, ErrorKind> BadOrders => new()
    {
        { LimitBuy with { ClientOrderId = new ClientOrderId("has space") }, "client_order_id_invalid", "client_order_id", ErrorKind.InvalidArgument },
        { LimitBuy with { ClientOrderId = default }, "client_order_id_invalid", "client_order_id", ErrorKind.InvalidArgument },
        { LimitBuy with { Market = default }, "required", "market", ErrorKind.InvalidArgument },
        { LimitBuy with { Market = new MarketId("NOPE-USD") }, "unknown_market", "market", ErrorKind.NotFound },
        { LimitBuy with { Side = (Side)0 }, "side_invalid", "side", ErrorKind.InvalidArgument },
        { LimitBuy with { Type = (OrderType)9 }, "type_invalid", "type", ErrorKind.InvalidArgument },
        { LimitBuy with { TimeInForce = (TimeInForce)9 }, "time_in_force_invalid", "time_in_force", ErrorKind.InvalidArgument },
        { LimitBuy with { Trigger = (TriggerKind)9 }, "trigger_invalid", "trigger", ErrorKind.InvalidArgument },
        { LimitBuy with { MarginMode = (MarginMode)9 }, "margin_mode_invalid", "margin_mode", ErrorKind.InvalidArgument },
        { LimitBuy with { Size = Quantity.Zero }, "size_not_positive", "size", ErrorKind.InvalidArgument },
        { LimitBuy with { Size = Q("-0.1") }, "size_not_positive", "size", ErrorKind.InvalidArgument },
        { LimitBuy with { Size = Q("0.00015") }, "size_off_lot", "size", ErrorKind.InvalidArgument },
        { LimitBuy with { LimitPrice = null }, "price_required", "price", ErrorKind.InvalidArgument },
        { LimitBuy with { LimitPrice = Price.Zero }, "price_not_positive", "price", ErrorKind.InvalidArgument },
        { LimitBuy with { LimitPrice = P("-5") }, "price_not_positive", "price", ErrorKind.InvalidArgument },
        { LimitBuy with { LimitPrice = P("99000.005") }, "price_off_tick", "price", ErrorKind.InvalidArgument },
        { LimitBuy with { Type = OrderType.Market, TimeInForce = TimeInForce.PostOnly, LimitPrice = null }, "post_only_requires_limit", "time_in_force", ErrorKind.InvalidArgument },
        { LimitBuy with { TriggerPrice = P("98000") }, "trigger_price_without_trigger", "trigger_price", ErrorKind.InvalidArgument },
        { LimitBuy with { Trigger = TriggerKind.StopLoss }, "trigger_price_required", "trigger_price", ErrorKind.InvalidArgument },
        { LimitBuy with { Trigger = TriggerKind.StopLoss, TriggerPrice = Price.Zero }, "trigger_price_not_positive", "trigger_price", ErrorKind.InvalidArgument },
        { LimitBuy with { Trigger = TriggerKind.StopLoss, TriggerPrice = P("100500.001") }, "trigger_price_off_tick", "trigger_price", ErrorKind.InvalidArgument },
        // a buy closes a short: its stop-loss fires above the mark, its take-profit below
        { LimitBuy with { Trigger = TriggerKind.StopLoss, TriggerPrice = P("99000") }, "trigger_price_wrong_side", "trigger_price", ErrorKind.InvalidArgument },
        { LimitBuy with { Trigger = TriggerKind.TakeProfit, TriggerPrice = P("101000") }, "trigger_price_wrong_side", "trigger_price", ErrorKind.InvalidArgument },
        { LimitBuy with { Side = Side.Sell, Trigger = TriggerKind.TakeProfit, TriggerPrice = P("100000") }, "trigger_price_wrong_side", "trigger_price", ErrorKind.InvalidArgument },
        { LimitBuy with { Market = IsolatedOnly.Id, LimitPrice = P("10"), Size = Q("10") }, "market_isolated_only", "margin_mode", ErrorKind.FailedPrecondition },
        { LimitBuy with { ReduceOnly = true }, "reduce_only_would_increase", "reduce_only", ErrorKind.FailedPrecondition },
        { LimitBuy with { Size = Q("0.0001") }, "below_min_notional", "size", ErrorKind.InvalidArgument },
        { LimitBuy with { Leverage = 0 }, "leverage_out_of_range", "leverage", ErrorKind.InvalidArgument },
        { LimitBuy with { Leverage = 41 }, "leverage_out_of_range", "leverage", ErrorKind.InvalidArgument },
        { LimitBuy with { Size = Q("10000001") }, "size_too_large", "size", ErrorKind.InvalidArgument },
        { LimitBuy with { Size = new Quantity(long.MaxValue / 10_000 * 10_000) }, "size_too_large", "size", ErrorKind.InvalidArgument },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public void A_bad_order_is_refused_with_its_code_field_and_kind(OrderRequest order, string code, string field, ErrorKind kind)
    {
        var error = Refusal(order);
        error.Code.ShouldBe(code);
        error.Field.ShouldBe(field);
        error.Kind.ShouldBe(kind);
    }

    [Fact]
    public void A_missing_order_is_refused() => Refusal(null).Code.ShouldBe("required");

    [Fact]
    public void An_off_tick_price_names_the_tick()
    {
        var error = Refusal(LimitBuy with { LimitPrice = P("99000.005") });
        error.Message.ShouldContain("0.01");
        error.Message.ShouldContain("99000.005");
    }

    [Fact]
    public void Reduce_only_must_reduce_and_cannot_flip()
    {
        var shortOne = Position.Open(Side.Sell, Q("0.1"), P("100000"));
        var reduce = LimitBuy with { ReduceOnly = true };
        OrderValidator.Validate(new OrderValidationParameters(reduce, Catalog, Policy, P("100000"), shortOne)).Value.ReducesOnly.ShouldBeTrue();
        Refusal(reduce with { Size = Q("0.2") }, shortOne).Code.ShouldBe("reduce_only_would_increase");
        Refusal(reduce, Position.Open(Side.Buy, Q("0.1"), P("100000"))).Code.ShouldBe("reduce_only_would_increase");
        // a reduce-only remainder below the minimum value may still close
        var dust = Position.Open(Side.Sell, Q("0.0001"), P("100000"));
        OrderValidator.Validate(new OrderValidationParameters(reduce with { Size = Q("0.0001") }, Catalog, Policy, P("100000"), dust)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Operator_policy_limits_modes_and_leverage()
    {
        var noCross = OperatorPolicy.Open with { CrossOffered = false };
        var error = Refusal(LimitBuy, policy: noCross);
        error.Code.ShouldBe("margin_mode_not_offered");
        error.Kind.ShouldBe(ErrorKind.FailedPrecondition);

        var capped = OperatorPolicy.Open with { LeverageCaps = new Dictionary<MarketId, int> { [Btc.Id] = 5 } };
        Refusal(LimitBuy, policy: capped).Message.ShouldContain("1..5");
    }

    [Fact]
    public void Trigger_orders_on_the_right_side_of_the_mark_pass()
    {
        var ok = new[]
        {
            LimitBuy with { Trigger = TriggerKind.StopLoss, TriggerPrice = P("100500") },
            LimitBuy with { Trigger = TriggerKind.TakeProfit, TriggerPrice = P("99500") },
            LimitBuy with { Side = Side.Sell, Trigger = TriggerKind.TakeProfit, TriggerPrice = P("100500") },
            LimitBuy with { Side = Side.Sell, Trigger = TriggerKind.StopLoss, TriggerPrice = P("99500"), Type = OrderType.Market, LimitPrice = null },
        };
        foreach (var order in ok)
        {
            OrderValidator.Validate(new OrderValidationParameters(order, Catalog, Policy, P("100000"), Position.Flat)).IsSuccess.ShouldBeTrue();
        }
    }

    [Fact]
    public void A_market_order_is_estimated_at_its_worst_price_or_the_mark()
    {
        var market = LimitBuy with { Type = OrderType.Market, LimitPrice = null, TimeInForce = TimeInForce.Ioc };
        OrderValidator.Validate(new OrderValidationParameters(market, Catalog, Policy, P("100000"), Position.Flat)).Value.ExecutionPrice.ShouldBe(P("100000"));
        OrderValidator.Validate(new OrderValidationParameters(market with { LimitPrice = P("101000") }, Catalog, Policy, P("100000"), Position.Flat)).Value.ExecutionPrice.ShouldBe(P("101000"));
    }

    [Fact]
    public void A_non_positive_mark_is_a_precondition_failure() =>
        Refusal(LimitBuy, mark: "0").Code.ShouldBe("mark_not_positive");

    [Fact]
    public void A_size_that_would_overflow_the_position_is_refused_not_thrown()
    {
        var huge = Position.Open(Side.Buy, new Quantity(long.MaxValue - 5), P("0.01"));
        var order = LimitBuy with { Size = Q("1"), LimitPrice = P("0.01"), Type = OrderType.Limit };
        Refusal(order, huge, mark: "0.01").Code.ShouldBe("size_too_large");
    }
}
