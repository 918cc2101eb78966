using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Tests.Orders;

public sealed class ReduceOnlyBudgetTests
{
    private static OrderRequest Close(Side side, decimal size, bool reduceOnly = true) =>
        new(new ClientOrderId("c1"), new MarketId("BTC-USD"), side, OrderType.Limit, Quantity.Of(size), Price.Of(120_000m), TimeInForce.Gtc, reduceOnly, MarginMode.Cross, 10);

    [Fact]
    public void A_second_close_of_the_whole_position_is_refused_with_a_precise_code()
    {
        var result = ReduceOnlyBudget.Fit(Close(Side.Sell, 1m), Quantity.Of(1m), Quantity.Of(1m));
        result.IsSuccess.ShouldBeFalse();
        result.Error.Code.ShouldBe(ReduceOnlyBudget.ExceedsPosition);
        result.Error.Field.ShouldBe("size");
    }

    [Fact]
    public void A_close_larger_than_what_other_closes_leave_is_trimmed_to_it()
    {
        ReduceOnlyBudget.Fit(Close(Side.Buy, 0.5m), Quantity.Of(-0.8m), Quantity.Of(0.6m)).Value.Size.ShouldBe(Quantity.Of(0.2m));
    }

    [Fact]
    public void Orders_that_are_not_reduce_only_or_on_the_positions_side_are_left_unchanged()
    {
        var plain = Close(Side.Sell, 3m, reduceOnly: false);
        ReduceOnlyBudget.Fit(plain, Quantity.Of(1m), Quantity.Of(1m)).Value.ShouldBeSameAs(plain);
        var sameSide = Close(Side.Buy, 3m);
        ReduceOnlyBudget.Fit(sameSide, Quantity.Of(1m), Quantity.Zero).Value.ShouldBeSameAs(sameSide);
        var flat = Close(Side.Sell, 3m);
        ReduceOnlyBudget.Fit(flat, Quantity.Zero, Quantity.Zero).Value.ShouldBeSameAs(flat);
    }

    [Fact]
    public void However_closes_arrive_their_total_never_exceeds_the_position()
    {
        var gen = from position in Gen.Choose(1, 1_000)
                  from sizes in Gen.ListOf(Gen.Choose(1, 1_500))
                  select (position, sizes);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (lots, sizes) = input;
            var position = Quantity.Of(lots / 1000m);
            var pending = Quantity.Zero;
            foreach (var size in sizes)
            {
                var fitted = ReduceOnlyBudget.Fit(Close(Side.Sell, size / 1000m), position, pending);
                if (fitted.IsSuccess)
                {
                    fitted.Value.Size.IsPositive.ShouldBeTrue();
                    fitted.Value.Size.ShouldBeLessThanOrEqualTo(Quantity.Of(size / 1000m));
                    pending += fitted.Value.Size;
                }
                else
                {
                    pending.ShouldBe(position);
                }
            }

            return pending <= position;
        }));
    }

    private static OrderRequest Exit(TriggerKind kind, decimal size) =>
        Close(Side.Sell, size) with { Type = OrderType.Market, LimitPrice = null, TimeInForce = TimeInForce.Ioc, Trigger = kind, TriggerPrice = Price.Of(90_000m) };

    [Fact]
    public void A_take_profit_a_stop_loss_and_a_resting_close_do_not_compete_but_two_of_a_kind_do()
    {
        var tp = Exit(TriggerKind.TakeProfit, 1m);
        var sl = Exit(TriggerKind.StopLoss, 1m);
        var resting = Close(Side.Sell, 1m);
        var market = Close(Side.Sell, 1m) with { Type = OrderType.Market, LimitPrice = null, TimeInForce = TimeInForce.Ioc };

        ReduceOnlyBudget.Competes(tp, sl).ShouldBeFalse();
        ReduceOnlyBudget.Competes(tp, resting).ShouldBeFalse();
        ReduceOnlyBudget.Competes(market, resting).ShouldBeFalse();
        ReduceOnlyBudget.Competes(market, tp).ShouldBeFalse();
        ReduceOnlyBudget.Competes(tp, Exit(TriggerKind.TakeProfit, 0.5m)).ShouldBeTrue();
        ReduceOnlyBudget.Competes(resting, Close(Side.Sell, 0.5m)).ShouldBeTrue();

        // a second take-profit of the whole position has nothing left to close
        ReduceOnlyBudget.Fit(tp, Quantity.Of(1m), Quantity.Of(1m)).Error!.Code.ShouldBe(ReduceOnlyBudget.ExceedsPosition);
    }

    [Fact]
    public void On_a_flat_position_every_open_reduce_only_order_is_overhang()
    {
        ReduceOnlyBudget.Overhang(Quantity.Zero, [(Exit(TriggerKind.TakeProfit, 1m), Quantity.Of(1m)), (Close(Side.Sell, 0.5m), Quantity.Of(0.5m))])
            .ShouldBe([0, 1]);
    }

    [Fact]
    public void After_a_partial_close_the_oldest_orders_that_fit_are_kept_and_the_rest_cancelled()
    {
        // long 1 reduced to 0.6: the TP and SL of 1 no longer fit; of two resting closes 0.4 + 0.3 only the first fits
        var open = new List<(OrderRequest, Quantity)>
        {
            (Exit(TriggerKind.TakeProfit, 1m), Quantity.Of(1m)),
            (Exit(TriggerKind.StopLoss, 0.6m), Quantity.Of(0.6m)),
            (Close(Side.Sell, 0.4m), Quantity.Of(0.4m)),
            (Close(Side.Sell, 0.3m), Quantity.Of(0.3m)),
            (Close(Side.Buy, 0.1m), Quantity.Of(0.1m)),
        };

        ReduceOnlyBudget.Overhang(Quantity.Of(0.6m), open).ShouldBe([0, 3, 4]);
    }

    [Fact]
    public void What_is_kept_never_exceeds_the_position_within_any_group()
    {
        var gen = from position in Gen.Choose(0, 1_000)
                  from orders in Gen.ListOf(Gen.Zip(Gen.Choose(0, 2), Gen.Choose(1, 800)))
                  select (position, orders);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (lots, orders) = input;
            var open = orders.Select(o => (o.Item1 == 0 ? Close(Side.Sell, o.Item2 / 1000m) : Exit((TriggerKind)o.Item1, o.Item2 / 1000m), Quantity.Of(o.Item2 / 1000m))).ToList();
            var cancelled = ReduceOnlyBudget.Overhang(Quantity.Of(lots / 1000m), open).ToHashSet();
            var kept = open.Where((_, i) => !cancelled.Contains(i)).ToList();
            foreach (var (order, _) in kept)
            {
                kept.Where(k => ReduceOnlyBudget.Competes(k.Item1, order)).Aggregate(Quantity.Zero, (sum, k) => sum + k.Item2)
                    .ShouldBeLessThanOrEqualTo(Quantity.Of(lots / 1000m));
            }
        }));
    }
}
