using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using static PerpStudio.Domain.Tests.TestMarkets;

namespace PerpStudio.Domain.Tests.Margin;

public sealed class CrossAccountTests
{
    internal static CrossAccount Fill(CrossAccount account, MarketRules market, Side side, string size, string price, int leverage, string? mark = null) =>
        account.ApplyFill(market, side, Q(size), P(price), Money.Zero, leverage, P(mark ?? price)).Value.After;

    [Fact]
    public void Account_value_and_margins_sum_the_cross_positions_at_their_marks()
    {
        var account = Fill(Account("20000"), Btc, Side.Buy, "1", "100000", 10, "99000");
        account = Fill(account, Eth, Side.Sell, "10", "3000", 5, "3100");

        account.UnrealizedPnl.ShouldBe(M("-2000")); // -1,000 on BTC, -1,000 on ETH
        account.AccountValue.ShouldBe(M("18000"));
        account.InitialMarginUsed.ShouldBe(M("16100")); // 9,900 + 6,200
        account.MaintenanceMarginUsed.ShouldBe(M("1857.5")); // 99,000/80 + 31,000/50
        account.FreeCollateral.ShouldBe(M("1900"));
        account.TotalPositionValue.ShouldBe(M("130000"));
        account.TransferFloor.ShouldBe(M("16100"));
        account.Withdrawable.ShouldBe(M("1900"));
        account.IsLiquidatable.ShouldBeFalse();
        account.MarginRatio.ShouldBe(Rate.Parse("0.1031944445")); // 1,857.5 / 18,000 rounded up
    }

    [Fact]
    public void Positions_are_kept_by_market_and_a_closed_one_disappears()
    {
        var account = Fill(Account("20000"), Eth, Side.Buy, "1", "3000", 5);
        account = Fill(account, Btc, Side.Buy, "0.1", "100000", 5);
        account.Positions[0].Market.ShouldBe(Btc.Id);
        account.Positions[1].Market.ShouldBe(Eth.Id);

        account = Fill(account, Btc, Side.Sell, "0.1", "101000", 5);
        account.PositionCount.ShouldBe(1);
        account.Collateral.ShouldBe(M("20100"));
        account.TryGetPosition(Btc.Id, out _).ShouldBeFalse();
    }

    [Fact]
    public void Cross_liquidates_when_account_value_falls_below_maintenance()
    {
        var account = Fill(Account("10000"), Btc, Side.Buy, "1", "100000", 10);
        account.WithMark(Btc.Id, P("91140")).Value.IsLiquidatable.ShouldBeFalse();
        account.WithMark(Btc.Id, P("91139")).Value.IsLiquidatable.ShouldBeTrue();
        // the same numbers as the isolated known answer: collateral 10,000 behind one position
        account.LiquidationPrice(Btc.Id).Unrounded.ShouldBe(P("91139.24050633"));
    }

    [Fact]
    public void A_cross_liquidation_price_holds_the_other_positions_at_their_marks()
    {
        var account = Fill(Account("10000"), Btc, Side.Buy, "1", "100000", 10);
        var alone = account.LiquidationPrice(Btc.Id).Price!.Value;
        var hedgedByProfit = Fill(account, Eth, Side.Sell, "10", "3000", 5, "2900"); // +1,000 PnL elsewhere
        var withLoss = Fill(account, Eth, Side.Sell, "10", "3000", 5, "3100"); // -1,000 PnL elsewhere
        hedgedByProfit.LiquidationPrice(Btc.Id).Price!.Value.ShouldBeLessThan(alone);
        withLoss.LiquidationPrice(Btc.Id).Price!.Value.ShouldBeGreaterThan(alone);
    }

    [Fact]
    public void Withdrawals_leave_the_transfer_floor()
    {
        var account = Fill(Account("20000"), Btc, Side.Buy, "1", "100000", 20);
        // initial margin 5,000, 10% of value 10,000: the floor is 10,000
        account.Withdrawable.ShouldBe(M("10000"));
        var refused = account.Withdraw(M("10000.000001"));
        refused.Error!.Code.ShouldBe("transfer_exceeds_floor");
        refused.Error.Message.ShouldContain("10000");
        account.Withdraw(M("10000")).Value.Collateral.ShouldBe(M("10000"));
    }

    [Fact]
    public void Reserved_margin_for_open_orders_is_not_free()
    {
        var account = Account("1000").Reserve(M("400")).Value;
        account.FreeCollateral.ShouldBe(M("600"));
        account.Withdrawable.ShouldBe(M("600"));
        account.Reserve(M("600.000001")).Error!.Code.ShouldBe("insufficient_margin");
        account.Release(M("1000")).Value.Reserved.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Funding_is_booked_to_collateral()
    {
        var account = Fill(Account("1000"), Btc, Side.Buy, "1", "100000", 10);
        var (after, payment) = account.ApplyFunding(Btc.Id, P("100000"), Rate.Parse("0.0000125")).Value;
        payment.Amount.ShouldBe(M("-1.25"));
        after.Collateral.ShouldBe(M("998.75"));
    }

    [Fact]
    public void Bad_changes_are_refused_and_change_nothing()
    {
        var account = Account("1000");
        account.Deposit(Money.Zero).Error!.Code.ShouldBe("amount_not_positive");
        account.Withdraw(M("-1")).Error!.Code.ShouldBe("amount_not_positive");
        account.WithMark(Btc.Id, Price.Zero).Error!.Code.ShouldBe("mark_not_positive");
        account.ApplyFill(Btc, Side.Buy, Quantity.Zero, P("1"), Money.Zero, 1, P("1")).Error!.Code.ShouldBe("size_not_positive");
        account.ApplyFill(Btc, Side.Buy, Q("1"), Price.Zero, Money.Zero, 1, P("1")).Error!.Code.ShouldBe("price_not_positive");
        account.ApplyFill(Btc, (Side)7, Q("1"), P("1"), Money.Zero, 1, P("1")).Error!.Code.ShouldBe("side_invalid");
        account.ApplyFill(Btc, Side.Buy, Q("1"), P("1"), M("-1"), 1, P("1")).Error!.Code.ShouldBe("fee_negative");
        account.ApplyFill(Btc, Side.Buy, Q("1"), P("1"), Money.Zero, 0, P("1")).Error!.Code.ShouldBe("leverage_out_of_range");
        account.ApplyFill(null!, Side.Buy, Q("1"), P("1"), Money.Zero, 1, P("1")).Error!.Code.ShouldBe("required");
        account.ApplyFunding(Btc.Id, Price.Zero, Rate.Zero).Error!.Code.ShouldBe("oracle_price_not_positive");
        CrossAccount.Open(M("-1")).Error!.Code.ShouldBe("collateral_negative");
        account.Collateral.ShouldBe(M("1000"));
    }

    [Fact]
    public void At_a_cross_liquidation_price_account_value_equals_maintenance_within_rounding()
    {
        var leg = from market in Gen.Elements(Generators.CrossMarkets)
                  from fill in Generators.BtcFill
                  from leverage in Gen.Choose(1, 20)
                  select (market, fill, leverage);
        var gen = from legs in leg.ListOf().Select(l => l.Take(6).ToArray())
                  from collateral in Gen.Choose(1, 2_000_000_000)
                  select (legs, collateral);
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var account = CrossAccount.Open(new Money(input.collateral * 1000L)).Value;
            foreach (var (market, fill, leverage) in input.legs)
            {
                account = account.ApplyFill(market, fill.Side, fill.Size, fill.Price, Money.Zero, leverage, fill.Price).Value.After;
            }

            foreach (var p in account.Positions.ToArray())
            {
                var liquidation = account.LiquidationPrice(p.Market);
                if (liquidation.Unrounded is not { } price || !price.IsPositive)
                {
                    continue;
                }

                var moved = account.WithMark(p.Market, price).Value;
                var gap = moved.AccountValue.Units - moved.MaintenanceMarginUsed.Units;
                if (Math.Abs(gap) > Generators.LiquidationTolerance(p.Position.Size))
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void Negative_reservations_and_releases_are_refused()
    {
        Account("10").Reserve(M("-1")).Error!.Code.ShouldBe("amount_negative");
        Account("10").Release(M("-1")).Error!.Code.ShouldBe("amount_negative");
    }

    [Fact]
    public void An_account_restored_from_its_stored_state_has_the_same_figures()
    {
        var account = Fill(Account("20000"), Btc, Side.Buy, "1", "100000", 10, "99000");
        account = Fill(account, Eth, Side.Sell, "10", "3000", 5, "3100").Reserve(M("100")).Value;
        var stored = account.Positions.ToArray().Select(p => (account.RulesFor(p.Market)!, p.Position, p.Leverage, p.Mark)).Reverse();

        var restored = CrossAccount.Restore(account.Collateral, account.Reserved, stored).Value;

        restored.Positions.ToArray().ShouldBe(account.Positions.ToArray());
        restored.FreeCollateral.ShouldBe(account.FreeCollateral);
        restored.MaintenanceMarginUsed.ShouldBe(account.MaintenanceMarginUsed);
        restored.LiquidationPrice(Btc.Id).ShouldBe(account.LiquidationPrice(Btc.Id));
    }

    [Fact]
    public void An_account_in_debt_restores_with_its_negative_collateral()
    {
        var open = Position.Open(Side.Buy, Q("1"), P("100"));
        var restored = CrossAccount.Restore(M("-5"), Money.Zero, [(Btc, open, 2, P("90"))]).Value;
        restored.Collateral.ShouldBe(M("-5"));
        restored.AccountValue.ShouldBe(M("-15"));
        restored.IsLiquidatable.ShouldBeTrue();
    }

    [Fact]
    public void Restoring_bad_state_is_refused()
    {
        var open = Position.Open(Side.Buy, Q("1"), P("100"));
        CrossAccount.Restore(Money.Zero, M("-1"), []).Error!.Code.ShouldBe("reserved_negative");
        CrossAccount.Restore(Money.Zero, Money.Zero, null!).Error!.Code.ShouldBe("required");
        CrossAccount.Restore(Money.Zero, Money.Zero, [(Btc, Position.Flat, 1, P("1"))]).Error!.Code.ShouldBe("position_invalid");
        CrossAccount.Restore(Money.Zero, Money.Zero, [(Btc, open, 0, P("1"))]).Error!.Code.ShouldBe("position_invalid");
        CrossAccount.Restore(Money.Zero, Money.Zero, [(Btc, open, 1, P("1")), (Btc, open, 2, P("1"))]).Error!.Code.ShouldBe("position_duplicate");
    }
}
