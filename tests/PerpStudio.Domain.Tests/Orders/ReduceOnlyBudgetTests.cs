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
}
