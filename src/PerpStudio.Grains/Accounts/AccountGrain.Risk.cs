using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Accounts;

/// <summary>Funding and liquidation of cross positions, driven by the funding and liquidation engines.</summary>
public sealed partial class AccountGrain
{
    /// <inheritdoc />
    public async Task<Result<FundingReceipt>> ApplyFundingAsync(FundingCharge charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        if (S.Funding.TryGet(charge.FundingId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        var (cross, _) = await CrossAsync();
        var applied = cross.ApplyFunding(charge.Market, charge.OraclePrice, charge.Rate);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var size = cross.TryGetPosition(charge.Market, out var p) ? p.Position.Size : Quantity.Zero;
        var amount = applied.Value.Payment.Amount;
        Book($"funding:{charge.FundingId}", LedgerEntryKind.Funding, amount, charge.Market, charge.FundingId, skipZero: true);
        var receipt = new FundingReceipt(charge.FundingId, charge.Market, size, amount, false);
        S = S with { Funding = S.Funding.Add(charge.FundingId, receipt) };
        await SaveAsync();
        return receipt;
    }

    /// <inheritdoc />
    public async Task<Result<CrossLiquidationReceipt>> LiquidateCrossAsync(CrossLiquidation liquidation)
    {
        ArgumentNullException.ThrowIfNull(liquidation);
        if (S.Liquidations.TryGet(liquidation.LiquidationId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        if (!S.Cross.TryGetValue(liquidation.Market.Symbol, out var position))
        {
            return NoPosition(liquidation.Market);
        }

        var whole = position.Position.Size.Abs();
        var size = liquidation.Size.IsPositive && liquidation.Size < whole ? liquidation.Size : whole;
        var side = position.Position.Sign > 0 ? Side.Sell : Side.Buy;
        if (FillValidation.Check(side, size, liquidation.Price, liquidation.Penalty, position.Leverage, liquidation.Price) is { } error)
        {
            return error;
        }

        var (cross, markets) = await CrossAsync();
        var context = markets[liquidation.Market.Symbol];
        var mark = context.Snapshot.Mark.IsPositive ? context.Snapshot.Mark : liquidation.Price;
        var applied = cross.ApplyFill(context.Rules, side, size, liquidation.Price, liquidation.Penalty, position.Leverage, mark);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var symbol = liquidation.Market.Symbol;
        Book($"liquidation:{liquidation.LiquidationId}:pnl", LedgerEntryKind.LiquidationPnl, applied.Value.RealizedPnl, liquidation.Market, liquidation.LiquidationId, skipZero: true);
        Book($"liquidation:{liquidation.LiquidationId}:penalty", LedgerEntryKind.LiquidationPenalty, -liquidation.Penalty, liquidation.Market, liquidation.LiquidationId, skipZero: true);
        S = S with
        {
            Cross = applied.Value.Position.IsFlat
                ? S.Cross.Remove(symbol)
                : S.Cross.SetItem(symbol, position with { Position = applied.Value.Position, Mark = mark }),
        };
        var collateral = S.Ledger.Balance;
        var shortfall = S.Cross.IsEmpty && collateral.IsNegative ? -collateral : Money.Zero;
        var receipt = new CrossLiquidationReceipt(liquidation.LiquidationId, liquidation.Market, size, applied.Value.Position.Size,
            applied.Value.RealizedPnl, liquidation.Penalty, collateral, shortfall, false);
        S = S with { Liquidations = S.Liquidations.Add(liquidation.LiquidationId, receipt) };
        await EmitCrossPositionAsync(liquidation.Market);
        await SaveAsync();
        return receipt;
    }
}
