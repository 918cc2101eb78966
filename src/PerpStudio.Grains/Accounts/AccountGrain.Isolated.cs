using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Operators;

namespace PerpStudio.Grains.Accounts;

/// <summary>Transfers between the account and its isolated positions: recorded here first, retried until the position acknowledges.</summary>
public sealed partial class AccountGrain
{
    private readonly Dictionary<string, DomainError> _pendingRefusals = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<Result<IsolatedMarginReceipt>> AddIsolatedMarginAsync(IsolatedMarginChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (S.Transfers.TryGet(change.TransferId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        if (S.Pending.Any(p => p.Id == change.TransferId))
        {
            return await FinishTransferAsync(change.TransferId);
        }

        if (string.IsNullOrWhiteSpace(change.TransferId))
        {
            return Refusals.Required("transfer_id");
        }

        if (!S.Isolated.TryGetValue(change.Market.Symbol, out var link) || link.Size.IsZero)
        {
            return NoPosition(change.Market);
        }

        var (cross, _) = await CrossAsync();
        var allowed = cross.Withdraw(change.Amount); // the Domain bounds transfers out like withdrawals
        if (!allowed.IsSuccess)
        {
            return allowed.Error;
        }

        Book($"isolated-out:{change.TransferId}", LedgerEntryKind.TransferToIsolated, -change.Amount, change.Market, change.TransferId);
        S = S with { Pending = S.Pending.Add(new PendingTransfer(change.TransferId, PendingKind.MarginOut, change.Market, change.Amount, 0, null)) };
        await SaveAsync();
        return await FinishTransferAsync(change.TransferId);
    }

    /// <inheritdoc />
    public async Task<Result<IsolatedMarginReceipt>> RemoveIsolatedMarginAsync(IsolatedMarginChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (S.Transfers.TryGet(change.TransferId, out var seen))
        {
            return seen with { Duplicate = true };
        }

        if (S.Pending.Any(p => p.Id == change.TransferId))
        {
            return await FinishTransferAsync(change.TransferId);
        }

        if (string.IsNullOrWhiteSpace(change.TransferId))
        {
            return Refusals.Required("transfer_id");
        }

        if (!change.Amount.IsPositive)
        {
            return Refusals.NotPositive("amount", change.Amount.ToString());
        }

        if (!S.Isolated.ContainsKey(change.Market.Symbol))
        {
            return NoPosition(change.Market);
        }

        S = S with { Pending = S.Pending.Add(new PendingTransfer(change.TransferId, PendingKind.MarginIn, change.Market, change.Amount, 0, null)) };
        await SaveAsync();
        return await FinishTransferAsync(change.TransferId);
    }

    /// <inheritdoc />
    public async Task<Result<LeverageSetting>> UpdateLeverageAsync(LeverageChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var config = await OperatorAsync().GetConfigAsync();
        if (config.Offering(change.Market) is null)
        {
            return Refusals.UnknownMarket(change.Market.Symbol ?? string.Empty);
        }

        var policy = OperatorConfigRules.PolicyOf(config);
        if (!policy.Offers(change.Mode))
        {
            return Refusals.MarginModeNotOffered(change.Mode.ToString());
        }

        var market = await MarketAsync(change.Market);
        if (!market.IsSuccess)
        {
            return market.Error;
        }

        var rules = market.Value.Rules;
        var mark = market.Value.Snapshot.Mark;
        var symbol = change.Market.Symbol;
        if (change.Mode == MarginMode.Isolated)
        {
            var size = S.Isolated.TryGetValue(symbol, out var link) ? link.Size : Quantity.Zero;
            var maxIsolated = policy.MaxLeverageFor(rules, Exact.Notional(size, mark));
            if (change.Leverage < 1 || change.Leverage > maxIsolated)
            {
                return Refusals.LeverageOutOfRange(change.Leverage, maxIsolated);
            }

            var set = await IsolatedGrain(change.Market).SetLeverageAsync(new IsolatedLeverage(change.Leverage));
            if (!set.IsSuccess)
            {
                return set.Error;
            }

            return new LeverageSetting(change.Market, MarginMode.Isolated, change.Leverage, maxIsolated);
        }

        var position = S.Cross.GetValueOrDefault(symbol);
        var max = policy.MaxLeverageFor(rules, Exact.Notional(position?.Position.Size ?? Quantity.Zero, mark));
        if (change.Leverage < 1 || change.Leverage > max)
        {
            return Refusals.LeverageOutOfRange(change.Leverage, max);
        }

        if (position is not null)
        {
            var before = S.Cross;
            S = S with { Cross = S.Cross.SetItem(symbol, position with { Leverage = change.Leverage }) };
            _crossRiskChanged = true;
            var (cross, _) = await CrossAsync();
            if (cross.FreeCollateral.IsNegative)
            {
                S = S with { Cross = before };
                return Refusals.InsufficientMargin(cross.InitialMarginUsed.ToString(), (cross.AccountValue - cross.Reserved).ToString());
            }
        }

        S = S with { CrossLeverage = S.CrossLeverage.SetItem(symbol, change.Leverage) };
        await SaveAsync();
        return new LeverageSetting(change.Market, MarginMode.Cross, change.Leverage, max);
    }

    private async Task<Result<IsolatedMarginReceipt>> FinishTransferAsync(string transferId)
    {
        await CompletePendingAsync();
        if (_pendingRefusals.Remove(transferId, out var refusal))
        {
            return refusal;
        }

        return S.Transfers.TryGet(transferId, out var receipt)
            ? receipt
            : new DomainError(ErrorKind.FailedPrecondition, "transfer_pending", "transfer_id", $"transfer {transferId} is recorded and will complete");
    }

    /// <summary>
    /// Completes every recorded isolated operation, oldest first. The isolated position deduplicates by id, so a
    /// call repeated after a crash changes nothing there and returns the first answer, which is booked here once.
    /// </summary>
    private async Task CompletePendingAsync()
    {
        while (S.Pending.Count > 0)
        {
            var p = S.Pending[0];
            var grain = IsolatedGrain(p.Market);
            switch (p.Kind)
            {
                case PendingKind.MarginOut:
                    var received = await grain.ReceiveMarginAsync(new IsolatedTransfer(p.Id, p.Amount, p.Leverage));
                    if (received.IsSuccess)
                    {
                        await RecordTransferAsync(p, received.Value.MarginAfter);
                    }
                    else
                    {
                        // the position refused it: the money never left
                        Book($"isolated-out:{p.Id}:returned", LedgerEntryKind.TransferFromIsolated, p.Amount, p.Market, p.Id);
                        _pendingRefusals[p.Id] = received.Error;
                    }

                    break;
                case PendingKind.MarginIn:
                    var released = await grain.ReleaseMarginAsync(new IsolatedTransfer(p.Id, p.Amount));
                    if (released.IsSuccess)
                    {
                        Book($"isolated-in:{p.Id}", LedgerEntryKind.TransferFromIsolated, p.Amount, p.Market, p.Id);
                        await RecordTransferAsync(p, released.Value.MarginAfter);
                    }
                    else
                    {
                        _pendingRefusals[p.Id] = released.Error;
                    }

                    break;
                case PendingKind.Fill:
                    await CompleteIsolatedFillAsync(grain, p);
                    break;
            }

            S = S with { Pending = S.Pending.RemoveAt(0) };
            await SaveAsync();
        }
    }

    private async Task RecordTransferAsync(PendingTransfer p, Money marginAfter)
    {
        var view = await grainView(p.Market);
        var receipt = new IsolatedMarginReceipt(p.Id, p.Market, p.Amount, marginAfter, view.View.LiquidationPrice, false);
        S = S with { Transfers = S.Transfers.Add(p.Id, receipt) };
        Link(view);

        async Task<IsolatedPositionView> grainView(MarketId market) => await IsolatedGrain(market).GetAsync();
    }

    private async Task CompleteIsolatedFillAsync(IIsolatedPositionGrain grain, PendingTransfer p)
    {
        var fill = p.Fill!.Source;
        var fee = p.Fill.Fee;
        var applied = await grain.ApplyFillAsync(new IsolatedFillRequest(fill.FillId, fill.Side, fill.Size, fill.Price, fee.Total, p.Amount, p.Leverage));
        if (!applied.IsSuccess)
        {
            throw new InvalidOperationException($"isolated fill {fill.FillId} was refused by its position: {applied.Error}");
        }

        var r = applied.Value;
        Book($"fill:{fill.FillId}:margin-out", LedgerEntryKind.TransferFromIsolated, r.MarginReleased, fill.Market, fill.FillId, skipZero: true);
        RecordFill(fill, p.Fill.OrderId, MarginMode.Isolated, fee, r.RealizedPnl, r.SizeAfter, r.BadDebt);
        var view = await grain.GetAsync();
        Link(view);
        Emit(seq => new PositionChanged(Key, seq, clock.GetUtcNow(), view.View));
    }

    private void Link(IsolatedPositionView view)
    {
        var symbol = view.Position.Market.Symbol;
        S = S with
        {
            Isolated = view.IsOpen
                ? S.Isolated.SetItem(symbol, new IsolatedLink(view.Position.Market, view.Position.Position.Size, view.Position.Margin))
                : S.Isolated.Remove(symbol),
        };
    }

    private async Task RefreshIsolatedLinkAsync(MarketId market) => Link(await IsolatedGrain(market).GetAsync());

    /// <summary>Queues the position's event; the index hears of every cross position after the write (see <see cref="ReportCrossPositionsAsync"/>).</summary>
    private async Task EmitCrossPositionAsync(MarketId market)
    {
        var (cross, markets) = await CrossAsync();
        var view = CrossViewOf(cross, market, markets);
        _crossRiskChanged = true;
        if (view is not null)
        {
            Emit(seq => new PositionChanged(Key, seq, clock.GetUtcNow(), view));
            return;
        }

        _crossClosed.Add(market);
        var now = clock.GetUtcNow();
        var flat = new PositionView(Key, market, MarginMode.Cross, Quantity.Zero, Price.Zero, Price.Zero, 0, Money.Zero, Money.Zero, Money.Zero, Money.Zero,
            Money.Zero, LiquidationPrice.None, false);
        Emit(seq => new PositionChanged(Key, seq, now, flat));
    }

    /// <summary>
    /// Tells the liquidation index of EVERY cross position (and of the ones closed) once the state is written: a cross
    /// position's liquidation price depends on the whole account, so a fill, funding, deposit, withdrawal, transfer or
    /// liquidation anywhere in it moves all of them.
    /// </summary>
    private async Task ReportCrossPositionsAsync()
    {
        _crossRiskChanged = false;
        foreach (var market in _crossClosed)
        {
            liquidationIndex.PositionChanged(new LiquidationIndexEntry(market, Key, Key, MarginMode.Cross, 0, Quantity.Zero, null));
        }

        _crossClosed.Clear();
        if (S.Cross.IsEmpty)
        {
            return;
        }

        var (cross, _) = await CrossAsync();
        foreach (var stored in S.Cross.Values)
        {
            if (cross.TryGetPosition(stored.Market, out var p))
            {
                var size = p.Position.Size;
                liquidationIndex.PositionChanged(new LiquidationIndexEntry(stored.Market, Key, Key, MarginMode.Cross, size.Sign, size,
                    cross.LiquidationPrice(stored.Market).Price));
            }
        }
    }
}
