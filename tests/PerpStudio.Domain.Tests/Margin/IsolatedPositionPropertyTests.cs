using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class IsolatedPositionPropertyTests
{
    [Fact]
    public void At_the_liquidation_price_equity_equals_maintenance_within_rounding()
    {
        var gen = from market in Gen.Elements(Btc, BtcTestnet)
                  from position in Generators.IsolatedBtc(market)
                  select (market, position);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (market, position) = input;
            var liquidation = position.LiquidationPrice(market);
            if (liquidation.Unrounded is not { } p)
            {
                // only a long at 1x (or with more margin than value) may have none
                return position.Position.Sign > 0 && position.Equity(Price.Epsilon) >= market.Table.MaintenanceMargin(position.Position.Size, Price.Epsilon);
            }

            var gap = position.Equity(p).Units - market.Table.MaintenanceMargin(position.Position.Size, p).Units;
            var roundedTowardHarm = position.Position.Sign > 0 ? liquidation.Price >= p : liquidation.Price <= p;
            return Math.Abs(gap) <= Generators.LiquidationTolerance(position.Position.Size) && roundedTowardHarm && liquidation.Price!.Value.Units >= 0;
        }));
    }

    [Fact]
    public void Adding_margin_never_moves_the_liquidation_price_closer()
    {
        var gen = from position in Generators.IsolatedBtc(Btc)
                  from added in Gen.Choose(1, int.MaxValue)
                  select (position, added);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (position, added) = input;
            var before = position.LiquidationPrice(Btc).Price;
            var after = position.AddMargin(new Money(added)).Value.LiquidationPrice(Btc).Price;
            return position.Position.Sign > 0
                ? after is null || (before is { } b && after <= b)
                : before is { } s && after is { } a && a >= s;
        }));
    }

    [Fact]
    public void Removing_margin_never_breaks_the_ten_percent_floor()
    {
        var gen = from position in Generators.IsolatedBtc(Btc)
                  from mark in Generators.BtcPrice
                  from amount in Gen.Choose(1, int.MaxValue)
                  select (position, mark, amount);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (position, mark, amount) = input;
            var health = position.Health(Btc, mark);
            var result = position.RemoveMargin(Btc, mark, new Money(amount));
            if (!result.IsSuccess)
            {
                return result.Error.Code == "transfer_exceeds_floor" && new Money(amount) > health.MaxRemovable;
            }

            var value = position.Position.PositionValue(mark);
            var equityAfter = result.Value.After.Equity(mark);
            return equityAfter.Units * 10 >= value.Units && equityAfter >= health.InitialMargin && new Money(amount) <= health.MaxRemovable;
        }));
    }

    [Fact]
    public void Fills_never_take_more_from_the_account_than_was_moved_in_and_margin_is_conserved()
    {
        var gen = from position in Generators.IsolatedBtc(Btc)
                  from fills in Generators.BtcFill.ListOf().Select(l => l.Take(10).ToArray())
                  select (position, fills);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (position, fills) = input;
            var start = position.Margin;
            Money released = Money.Zero, added = Money.Zero, realized = Money.Zero, fees = Money.Zero, badDebt = Money.Zero;
            foreach (var (side, size, price) in fills)
            {
                var fee = FeeModel.Charge(new FeeParameters(size, price, Liquidity.Taker, BaseFees, Policy)).Value.Total;
                var moveIn = MarginModel.InitialMarginOf(Exact.Notional(size, price), position.Leverage);
                var result = position.ApplyFill(side, size, price, fee, moveIn);
                if (result.MarginReleased.IsNegative || result.BadDebt.IsNegative)
                {
                    return false;
                }

                released += result.MarginReleased;
                added += moveIn;
                realized += result.RealizedPnl;
                fees += fee;
                badDebt += result.BadDebt;
                position = result.After;
            }

            // the isolated margin moves only by what came in, what was realized, fees, what went back, and bad debt absorbed
            return position.Margin == start + added + realized - fees - released + badDebt;
        }));
    }
}
