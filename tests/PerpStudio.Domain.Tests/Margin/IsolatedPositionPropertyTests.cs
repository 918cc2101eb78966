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
}
