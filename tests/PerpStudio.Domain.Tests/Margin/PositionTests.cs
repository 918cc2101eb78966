using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class PositionTests
{
    [Fact]
    public void Adding_to_a_position_averages_the_entry_exactly()
    {
        var position = Position.Open(Side.Buy, Q("1"), P("100000"))
            .Apply(Side.Buy, Q("2"), P("100001")).After;
        position.Size.ShouldBe(Q("3"));
        // 300,002 / 3 = 100,000.666666666..., shown half-even at 1e-8; the cost stays exact
        position.EntryPrice.ShouldBe(P("100000.66666667"));
        position.UnrealizedPnl(P("100000.66666666")).ShouldBe(M("-0.000001")); // a hair under entry is a loss, floored
        position.UnrealizedPnl(P("100001")).ShouldBe(M("1")); // 300,003 - 300,002, from the exact cost
    }

    [Fact]
    public void A_partial_close_realizes_the_closed_share_and_keeps_the_entry()
    {
        var position = Position.Open(Side.Sell, Q("2"), P("3000"));
        var fill = position.Apply(Side.Buy, Q("0.5"), P("2900"));
        fill.RealizedPnl.ShouldBe(M("50"));
        fill.Closed.ShouldBe(Q("0.5"));
        fill.After.Size.ShouldBe(Q("-1.5"));
        fill.After.EntryPrice.ShouldBe(P("3000"));
    }

    [Fact]
    public void A_fill_through_zero_closes_and_opens_the_rest_at_the_fill_price()
    {
        var position = Position.Open(Side.Buy, Q("1"), P("100"));
        var fill = position.Apply(Side.Sell, Q("3"), P("110"));
        fill.RealizedPnl.ShouldBe(M("10"));
        fill.Closed.ShouldBe(Q("1"));
        fill.Opened.ShouldBe(Q("2"));
        fill.After.Size.ShouldBe(Q("-2"));
        fill.After.EntryPrice.ShouldBe(P("110"));
    }

    [Fact]
    public void Sub_unit_profit_is_carried_until_it_makes_a_whole_unit()
    {
        // 0.00000001 x 0.01 = 1e-10 USD per close: nothing is booked until the carry reaches 1e-6
        var position = Position.Open(Side.Buy, Q("0.0001"), P("100"));
        var booked = Money.Zero;
        for (var i = 0; i < 10_000; i++)
        {
            var fill = position.Apply(Side.Sell, Q("0.00000001"), P("100.01"));
            booked += fill.RealizedPnl;
            position = fill.After.Apply(Side.Buy, Q("0.00000001"), P("100")).After;
        }

        booked.ShouldBe(M("0.000001"));
    }

    [Fact]
    public void Booked_pnl_over_fills_and_flips_is_the_floor_of_the_exact_pnl_and_collateral_is_conserved()
    {
        var gen = from fills in Generators.BtcFill.ListOf().Select(l => l.Take(30).ToArray())
                  from close in Generators.BtcPrice
                  select (fills, close);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (fills, closePrice) = input;
            var start = M("1000000");
            var account = Account("1000000");
            Money realized = Money.Zero, fees = Money.Zero;
            BigInteger exactCash = 0; // sells minus buys, in sub-units
            void Apply(Side side, Quantity size, Price price)
            {
                var fee = FeeModel.Charge(new FeeParameters(size, price, Liquidity.Taker, BaseFees, Policy)).Value;
                var result = account.ApplyFill(Btc, side, size, price, fee.Total, 10, price).Value;
                account = result.After;
                realized += result.RealizedPnl;
                fees += fee.Total;
                exactCash += (BigInteger)(-side.Sign()) * size.Units * price.Units;
            }

            foreach (var (side, size, price) in fills)
            {
                Apply(side, size, price);
            }

            if (account.TryGetPosition(Btc.Id, out var open))
            {
                Apply(open.Position.Sign > 0 ? Side.Sell : Side.Buy, open.Position.Size.Abs(), closePrice);
            }

            var floorOfExact = (long)BigInteger.Divide(exactCash - (exactCash.Sign < 0 ? Exact.SubUnitsPerMoney - 1 : 0), Exact.SubUnitsPerMoney);
            return account.PositionCount == 0
                && account.Collateral + fees == start + realized
                && realized.Units == floorOfExact;
        }));
    }
}
