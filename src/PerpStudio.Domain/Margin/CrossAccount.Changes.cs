using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>What a fill did to a cross account.</summary>
/// <param name="After">The account after the fill.</param>
/// <param name="RealizedPnl">PnL realized (floored) and credited to collateral.</param>
/// <param name="Fee">Fee debited from collateral.</param>
/// <param name="Position">The market's position after the fill (flat when closed).</param>
public sealed record CrossFill(CrossAccount After, Money RealizedPnl, Money Fee, Position Position);

/// <summary>Changes to a cross account; each returns a new account or a precise refusal and changes nothing.</summary>
public sealed partial class CrossAccount
{
    /// <summary>
    /// Rebuilds an account from stored state (collateral, reservations, and each cross position with its market,
    /// leverage and last mark), recomputing every derived figure. Collateral may be negative: an account whose losses
    /// exceeded its collateral stays in debt until the insurance fund covers it. Refuses a negative reservation, flat or
    /// duplicate positions, leverage below 1 and non-positive marks.
    /// </summary>
    public static Result<CrossAccount> Restore(Money collateral, Money reserved, IEnumerable<(MarketRules Market, Position Position, int Leverage, Price Mark)> positions)
    {
        if (reserved.IsNegative)
        {
            return Refusals.Negative("reserved", reserved.ToString());
        }

        if (positions is null)
        {
            return Refusals.Required("positions");
        }

        var entries = new List<(MarketRules Market, CrossPosition Position)>();
        foreach (var (market, position, leverage, mark) in positions)
        {
            if (market is null)
            {
                return Refusals.Required("market");
            }

            if (position.IsFlat || leverage < 1 || !mark.IsPositive)
            {
                return new DomainError(ErrorKind.InvalidArgument, "position_invalid", "positions",
                    $"position in {market.Id} must be open with leverage of at least 1 and a positive mark");
            }

            entries.Add((market, CrossPosition.At(market, position, leverage, mark)));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Market.Id.Symbol, b.Market.Id.Symbol));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Market.Id == entries[i - 1].Market.Id)
            {
                return new DomainError(ErrorKind.InvalidArgument, "position_duplicate", "positions", $"two positions in {entries[i].Market.Id}");
            }
        }

        return new CrossAccount(collateral, reserved, [.. entries.Select(e => e.Position)], [.. entries.Select(e => e.Market)]);
    }

    /// <summary>Adds collateral.</summary>
    public Result<CrossAccount> Deposit(Money amount) =>
        amount.IsPositive ? With(Collateral + amount, Reserved) : Refusals.NotPositive("amount", amount.ToString());

    /// <summary>Takes collateral out (a withdrawal or a transfer to an isolated position), leaving at least the transfer floor.</summary>
    public Result<CrossAccount> Withdraw(Money amount)
    {
        if (!amount.IsPositive)
        {
            return Refusals.NotPositive("amount", amount.ToString());
        }

        var most = Withdrawable;
        return amount > most
            ? Refusals.TransferBelowFloor("amount", amount.ToString(), most.ToString(), TransferFloor.ToString())
            : With(Collateral - amount, Reserved);
    }

    /// <summary>Holds margin for an open order; refused with <c>insufficient_margin</c> beyond free collateral.</summary>
    public Result<CrossAccount> Reserve(Money amount)
    {
        if (amount.IsNegative)
        {
            return Refusals.Negative("amount", amount.ToString());
        }

        return amount > FreeCollateral
            ? Refusals.InsufficientMargin(amount.ToString(), FreeCollateral.ToString())
            : With(Collateral, Reserved + amount);
    }

    /// <summary>Releases margin held for an order (never below zero reserved).</summary>
    public Result<CrossAccount> Release(Money amount) =>
        amount.IsNegative ? Refusals.Negative("amount", amount.ToString()) : With(Collateral, Money.Max(Money.Zero, Reserved - amount));

    /// <summary>Moves a position's figures to a new mark; an account without that market is returned unchanged.</summary>
    public Result<CrossAccount> WithMark(MarketId market, Price mark)
    {
        if (!mark.IsPositive)
        {
            return Refusals.MarkNotPositive(mark.ToString());
        }

        var index = IndexOf(market);
        if (index < 0)
        {
            return this;
        }

        var p = _positions[index];
        var rules = _markets[index];
        return WithPosition(Collateral, index, rules, CrossPosition.At(rules, p.Position, p.Leverage, mark));
    }

    /// <summary>
    /// Applies a fill to the market's cross position: realized PnL (floored) is credited and the fee debited to
    /// collateral; the position's figures are recomputed at <paramref name="mark"/>. A position that closes is removed.
    /// </summary>
    public Result<CrossFill> ApplyFill(MarketRules market, Side side, Quantity size, Price price, Money fee, int leverage, Price mark)
    {
        if (market is null)
        {
            return Refusals.Required("market");
        }

        if (FillValidation.Check(side, size, price, fee, leverage, mark) is { } error)
        {
            return error;
        }

        var index = IndexOf(market.Id);
        var before = index >= 0 ? _positions[index].Position : Position.Flat;
        var fill = before.Apply(side, size, price);
        var collateral = Collateral + fill.RealizedPnl - fee;
        // the realized carry of a closed position stays with the platform: it is under one money unit
        CrossPosition? after = fill.After.IsFlat ? null : CrossPosition.At(market, fill.After, leverage, mark);
        var account = WithPosition(collateral, index, market, after);
        return new CrossFill(account, fill.RealizedPnl, fee, fill.After);
    }

    /// <summary>Books one funding interval on the market's position (nothing when there is none).</summary>
    public Result<(CrossAccount After, FundingPayment Payment)> ApplyFunding(MarketId market, Price oraclePrice, Rate rate)
    {
        if (!oraclePrice.IsPositive)
        {
            return Refusals.NotPositive("oracle_price", oraclePrice.ToString());
        }

        var index = IndexOf(market);
        if (index < 0)
        {
            return (this, default(FundingPayment));
        }

        var payment = FundingModel.PaymentUnchecked(_positions[index].Position.Size, oraclePrice, rate);
        return (With(Collateral + payment.Amount, Reserved), payment);
    }
}
