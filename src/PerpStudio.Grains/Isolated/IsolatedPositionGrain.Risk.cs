using PerpStudio.Grains.Accounts;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Isolated;

/// <summary>Funding, liquidation and previews of an isolated position.</summary>
public sealed partial class IsolatedPositionGrain
{
    /// <inheritdoc />
    public async Task<Result<FundingReceipt>> ApplyFundingAsync(FundingCharge charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        if (state.State.Funding.TryGet(charge.FundingId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        if (charge.Market != Market)
        {
            return new DomainError(ErrorKind.InvalidArgument, "market_mismatch", "market", $"funding for {charge.Market} sent to the {Market} position");
        }

        var current = Current;
        var payment = FundingModel.Payment(new FundingParameters(current.Position.Size, charge.OraclePrice, charge.Rate));
        if (!payment.IsSuccess)
        {
            return payment.Error;
        }

        var receipt = new FundingReceipt(charge.FundingId, Market, current.Position.Size, payment.Value.Amount, false);
        var after = current with { Margin = current.Margin + payment.Value.Amount };
        await SaveAsync(state.State with { Position = after, Funding = state.State.Funding.Add(charge.FundingId, receipt) });
        return receipt;
    }

    /// <inheritdoc />
    public async Task<Result<IsolatedLiquidationReceipt>> LiquidateAsync(IsolatedLiquidation liquidation)
    {
        ArgumentNullException.ThrowIfNull(liquidation);
        if (state.State.Liquidations.TryGet(liquidation.LiquidationId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        var current = Current;
        if (current.Position.IsFlat)
        {
            return new DomainError(ErrorKind.NotFound, "no_position", "market", $"there is no isolated {Market} position to liquidate");
        }

        var whole = current.Position.Size.Abs();
        var size = liquidation.Size.IsPositive && liquidation.Size < whole ? liquidation.Size : whole;
        var side = current.Position.Sign > 0 ? Side.Sell : Side.Buy;
        if (FillValidation.Check(side, size, liquidation.Price, liquidation.Penalty, current.Leverage, liquidation.Price) is { } error)
        {
            return error;
        }

        var applied = current.ApplyFill(side, size, liquidation.Price, liquidation.Penalty, Money.Zero);
        var receipt = new IsolatedLiquidationReceipt(liquidation.LiquidationId, size, applied.After.Position.Size, applied.RealizedPnl,
            applied.Fee, applied.MarginReleased, applied.BadDebt, false);
        await SaveAsync(state.State with { Position = applied.After, Liquidations = state.State.Liquidations.Add(liquidation.LiquidationId, receipt) });
        return receipt;
    }

    /// <inheritdoc />
    public async Task<Result<IsolatedMarginPreview>> PreviewMarginChangeAsync(Money delta)
    {
        var (rules, snapshot) = await MarketAsync();
        var current = Current;
        var mark = snapshot.Mark.IsPositive ? snapshot.Mark : current.Position.EntryPrice;
        var health = current.Position.IsFlat ? null : current.Health(rules, mark);
        var maxRemovable = health?.MaxRemovable ?? current.Margin;
        var before = current.LiquidationPrice(rules);
        if (delta.IsZero)
        {
            return Refusals.NotPositive("delta", delta.ToString());
        }

        Result<IsolatedPosition> after = delta.IsPositive
            ? current.AddMargin(delta)
            : current.Position.IsFlat
                ? (-delta <= current.Margin ? current with { Margin = current.Margin + delta } : Refusals.TransferBelowFloor("amount", (-delta).ToString(), current.Margin.ToString(), "0"))
                : Map(current.RemoveMargin(rules, mark, -delta));
        return after.IsSuccess
            ? new IsolatedMarginPreview(Market, current.Margin, after.Value.Margin, before, after.Value.LiquidationPrice(rules), maxRemovable, null)
            : new IsolatedMarginPreview(Market, current.Margin, current.Margin, before, before, maxRemovable, after.Error);
    }

    private static Result<IsolatedPosition> Map(Result<MarginRemoval> removal) =>
        removal.IsSuccess ? removal.Value.After : removal.Error;
}
