using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Accounts;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Isolated;

/// <summary>
/// One isolated position and its margin. Every operation has an id and is applied once: a repeat returns the first
/// receipt flagged duplicate. It reads its market's grain and never calls its account.
/// </summary>
public sealed partial class IsolatedPositionGrain(
    [PersistentState("isolated", GrainKeys.Storage)] IPersistentState<IsolatedState> state,
    ILiquidationIndexSink liquidationIndex) : Grain, IIsolatedPositionGrain
{
    private string Key => this.GetPrimaryKeyString();

    private MarketId Market => GrainKeys.ParseIsolated(Key).Market;

    private IsolatedPosition Current => state.State.Position ?? new IsolatedPosition(Market, Position.Flat, Money.Zero, 1);

    /// <inheritdoc />
    public async Task<IsolatedPositionView> GetAsync()
    {
        var (rules, snapshot) = await MarketAsync();
        return ViewOf(rules, snapshot.Mark);
    }

    /// <inheritdoc />
    public async Task<Result<IsolatedTransferReceipt>> ReceiveMarginAsync(IsolatedTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (state.State.Transfers.TryGet(transfer.TransferId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        var current = Current;
        if (current.Position.IsFlat && current.Margin.IsZero && transfer.Leverage > 0)
        {
            current = current with { Leverage = transfer.Leverage };
        }

        var added = current.AddMargin(transfer.Amount);
        if (!added.IsSuccess)
        {
            return added.Error;
        }

        var receipt = new IsolatedTransferReceipt(transfer.TransferId, transfer.Amount, added.Value.Margin, false);
        await SaveAsync(state.State with { Position = added.Value, Transfers = state.State.Transfers.Add(transfer.TransferId, receipt) });
        return receipt;
    }

    /// <inheritdoc />
    public async Task<Result<IsolatedTransferReceipt>> ReleaseMarginAsync(IsolatedTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (state.State.Transfers.TryGet(transfer.TransferId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        var current = Current;
        IsolatedPosition after;
        if (current.Position.IsFlat)
        {
            // a flat position's margin is not backing anything: all of it may go back
            if (!transfer.Amount.IsPositive || transfer.Amount > current.Margin)
            {
                return Refusals.TransferBelowFloor("amount", transfer.Amount.ToString(), current.Margin.ToString(), Money.Zero.ToString());
            }

            after = current with { Margin = current.Margin - transfer.Amount };
        }
        else
        {
            var (rules, snapshot) = await MarketAsync();
            var removal = current.RemoveMargin(rules, snapshot.Mark, transfer.Amount);
            if (!removal.IsSuccess)
            {
                return removal.Error;
            }

            after = removal.Value.After;
        }

        var receipt = new IsolatedTransferReceipt(transfer.TransferId, transfer.Amount, after.Margin, false);
        await SaveAsync(state.State with { Position = after, Transfers = state.State.Transfers.Add(transfer.TransferId, receipt) });
        return receipt;
    }

    /// <inheritdoc />
    public async Task<Result<IsolatedFillReceipt>> ApplyFillAsync(IsolatedFillRequest fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (state.State.Fills.TryGet(fill.FillId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        if (FillValidation.Check(fill.Side, fill.Size, fill.Price, fill.Fee, Math.Max(1, fill.Leverage), fill.Price) is { } error)
        {
            return error;
        }

        var current = Current;
        if (current.Position.IsFlat && fill.Leverage > 0)
        {
            current = current with { Leverage = fill.Leverage };
        }

        var applied = current.ApplyFill(fill.Side, fill.Size, fill.Price, fill.Fee, fill.MarginIn);
        var receipt = new IsolatedFillReceipt(fill.FillId, applied.RealizedPnl, applied.Fee, applied.MarginReleased, applied.BadDebt,
            applied.After.Position.Size, applied.After.Margin, false);
        await SaveAsync(state.State with { Position = applied.After, Fills = state.State.Fills.Add(fill.FillId, receipt) });
        return receipt;
    }

    /// <inheritdoc />
    public async Task<Result<IsolatedPositionView>> SetLeverageAsync(IsolatedLeverage leverage)
    {
        ArgumentNullException.ThrowIfNull(leverage);
        if (leverage.Leverage < 1)
        {
            return Refusals.LeverageOutOfRange(leverage.Leverage, int.MaxValue);
        }

        var (rules, snapshot) = await MarketAsync();
        var after = Current with { Leverage = leverage.Leverage };
        if (!after.Position.IsFlat)
        {
            var health = after.Health(rules, snapshot.Mark);
            if (health.Equity < health.InitialMargin)
            {
                return Refusals.InsufficientMargin(health.InitialMargin.ToString(), health.Equity.ToString());
            }
        }

        await SaveAsync(state.State with { Position = after });
        return ViewOf(rules, snapshot.Mark);
    }

    private async Task<(MarketRules Rules, MarketSnapshot Snapshot)> MarketAsync()
    {
        var snapshot = await GrainFactory.GetGrain<IMarketGrain>(Market.Symbol).GetSnapshotAsync();
        var rules = MarketRulesCache.Of(snapshot.Spec);
        return rules.IsSuccess ? (rules.Value, snapshot) : throw new InvalidOperationException($"market {Market} has an invalid spec: {rules.Error}");
    }

    private IsolatedPositionView ViewOf(MarketRules rules, Price mark)
    {
        var current = Current;
        return new IsolatedPositionView(Key, current, IsolatedPositionViews.Of(Key, current, rules, mark), !current.Position.IsFlat || !current.Margin.IsZero);
    }

    private async Task SaveAsync(IsolatedState next)
    {
        var sizeBefore = Current.Position.Size;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // memory now differs from storage: drop this activation so the next call reloads what was stored
            DeactivateOnIdle();
            throw;
        }

        var current = Current;
        if (current.Position.Size != sizeBefore || !current.Position.IsFlat)
        {
            await PublishIndexAsync(current);
        }
    }

    private async Task PublishIndexAsync(IsolatedPosition position)
    {
        var (accountKey, market) = GrainKeys.ParseIsolated(Key);
        Price? liquidation = null;
        if (!position.Position.IsFlat)
        {
            var (rules, _) = await MarketAsync();
            liquidation = position.LiquidationPrice(rules).Price;
        }

        liquidationIndex.PositionChanged(new LiquidationIndexEntry(market, Key, accountKey, Domain.Orders.MarginMode.Isolated,
            position.Position.Sign, position.Position.Size, liquidation));
    }
}
