using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// One isolated position and the margin allocated to it. Every function here reads only this value, its market's
/// rules and a mark: nothing of the account or any other position, so its liquidation can touch nothing else.
/// </summary>
/// <param name="Market">The market.</param>
/// <param name="Position">Size, exact cost basis, realized carry.</param>
/// <param name="Margin">The margin allocated (realized PnL, fees and funding are booked into it).</param>
/// <param name="Leverage">The leverage the position was opened with (sets the initial margin it must keep).</param>
public sealed record IsolatedPosition(MarketId Market, Position Position, Money Margin, int Leverage)
{
    /// <summary>Equity: margin + unrealized PnL at the mark (floored).</summary>
    public Money Equity(Price mark) => Margin + Position.UnrealizedPnl(mark);

    /// <summary>Everything about the position's margin at a mark, in one pass.</summary>
    public IsolatedHealth Health(MarketRules market, Price mark)
    {
        ArgumentNullException.ThrowIfNull(market);
        var notional = Exact.Notional(Position.Size, mark);
        var equity = Equity(mark);
        var maintenance = market.Table.MaintenanceMargin(notional);
        var initial = MarginModel.InitialMarginOf(notional, Leverage);
        var floor = MarginModel.TransferFloorOf(notional, initial);
        return new IsolatedHealth(
            equity,
            Position.PositionValue(mark),
            initial,
            maintenance,
            floor,
            MarginModel.Ratio(maintenance, equity),
            equity < maintenance,
            LiquidationPrice(market),
            Money.Max(Money.Zero, equity - floor));
    }

    /// <summary>The liquidation price: where margin + PnL equals the tiered maintenance. Needs no mark.</summary>
    public LiquidationPrice LiquidationPrice(MarketRules market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var equityAtZero = Exact.Of(Margin) - Position.Cost + Position.PnlCarry;
        return LiquidationPriceModel.Solve(new LiquidationPriceParameters(market.Table, market.TickSize, Position.Size, equityAtZero, Money.Zero));
    }

    /// <summary>Adds margin (a transfer in from the account). The amount must be positive.</summary>
    public Result<IsolatedPosition> AddMargin(Money amount) =>
        amount.IsPositive ? this with { Margin = Margin + amount } : Refusals.NotPositive("amount", amount.ToString());

    /// <summary>
    /// Removes margin, leaving equity of at least max(initial margin at the position's leverage, 10% of position
    /// value). Refused with <c>transfer_exceeds_floor</c> (saying the most that can be removed) when it would not;
    /// refused outright in isolated-only markets, whose margin leaves only as the position closes.
    /// </summary>
    public Result<MarginRemoval> RemoveMargin(MarketRules market, Price mark, Money amount)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (!amount.IsPositive)
        {
            return Refusals.NotPositive("amount", amount.ToString());
        }

        if (!mark.IsPositive)
        {
            return Refusals.MarkNotPositive(mark.ToString());
        }

        if (market.Spec.IsolatedOnly)
        {
            return Refusals.MarginRemovalNotAllowed(market.Id.Symbol);
        }

        var health = Health(market, mark);
        if (amount > health.MaxRemovable)
        {
            return Refusals.TransferBelowFloor("amount", amount.ToString(), health.MaxRemovable.ToString(), health.TransferFloor.ToString());
        }

        return new MarginRemoval(this with { Margin = Margin - amount }, amount, health.MaxRemovable - amount);
    }

    /// <summary>
    /// Applies a fill. Realized PnL and the fee are booked into the margin; <paramref name="marginAdded"/> (moved in from
    /// the account by the caller for an increase) is added. On a partial reduction the closed share of the margin is
    /// released to the account (rounded down); on a full close or a flip all of it is. A negative margin at close is
    /// never taken from the account: it is reported as <see cref="IsolatedFill.BadDebt"/>.
    /// </summary>
    public IsolatedFill ApplyFill(Side side, Quantity size, Price price, Money fee, Money marginAdded)
    {
        var fill = Position.Apply(side, size, price);
        var margin = Margin + fill.RealizedPnl - fee;
        var released = Money.Zero;
        if (fill.Closed.IsPositive)
        {
            released = fill.Closed == Position.Size.Abs()
                ? margin
                : new Money(FixedPoint.MulDiv(margin.Units, fill.Closed.Units, Position.Size.Abs().Units, MarginRounding.Share));
        }

        var badDebt = Money.Zero;
        if (released.IsNegative)
        {
            badDebt = fill.Closed == Position.Size.Abs() ? -released : Money.Zero;
            released = Money.Zero;
        }

        margin = margin - released + badDebt + marginAdded;
        var after = this with { Position = fill.After, Margin = margin };
        return new IsolatedFill(after, fill.RealizedPnl, fee, released, badDebt);
    }
}

/// <summary>An isolated position's margin at a mark.</summary>
/// <param name="Equity">Margin + unrealized PnL.</param>
/// <param name="PositionValue">|size| x mark, rounded up.</param>
/// <param name="InitialMargin">|size| x mark / leverage, rounded up.</param>
/// <param name="MaintenanceMargin">Tiered maintenance, rounded up.</param>
/// <param name="TransferFloor">max(initial margin, 10% of position value): what must remain after any removal.</param>
/// <param name="MarginRatio">Maintenance / equity, rounded up; null when equity is zero or negative. Informational:
/// the position is liquidatable exactly when <see cref="Liquidatable"/>.</param>
/// <param name="Liquidatable">Equity &lt; maintenance margin.</param>
/// <param name="LiquidationPrice">Where equity would meet maintenance.</param>
/// <param name="MaxRemovable">The most margin that may be removed now: max(0, equity - floor).</param>
public sealed record IsolatedHealth(
    Money Equity,
    Money PositionValue,
    Money InitialMargin,
    Money MaintenanceMargin,
    Money TransferFloor,
    Rate? MarginRatio,
    bool Liquidatable,
    LiquidationPrice LiquidationPrice,
    Money MaxRemovable);

/// <summary>A margin removal that was allowed.</summary>
/// <param name="After">The position with less margin.</param>
/// <param name="Removed">The amount removed (to be credited to the account).</param>
/// <param name="StillRemovable">What could still be removed after this.</param>
public sealed record MarginRemoval(IsolatedPosition After, Money Removed, Money StillRemovable);

/// <summary>What a fill did to an isolated position.</summary>
/// <param name="After">The position after the fill.</param>
/// <param name="RealizedPnl">PnL realized (floored).</param>
/// <param name="Fee">Fee booked against the margin.</param>
/// <param name="MarginReleased">Margin returned to the account.</param>
/// <param name="BadDebt">Loss beyond the allocated margin at close, for the insurance fund (never the account).</param>
public sealed record IsolatedFill(IsolatedPosition After, Money RealizedPnl, Money Fee, Money MarginReleased, Money BadDebt);
