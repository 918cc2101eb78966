using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Operators;

namespace PerpStudio.Grains.Accounts;

/// <summary>Fills, applied once by fill id, to the cross book or through the isolated position grain.</summary>
public sealed partial class AccountGrain
{
    /// <inheritdoc />
    public async Task<FillOutcome> ApplyFillAsync(AccountFill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (FillApplied(fill.FillId))
        {
            await CompletePendingAsync();
            return new FillOutcome(await FindFillAsync(fill.FillId), true, null);
        }

        if (fill.ClientOrderId.Value is not { } cloid || !TryGetOrderId(cloid, out var orderId) || !await ReviveOrderAsync(orderId))
        {
            return new FillOutcome(null, false, UnknownOrder(fill.ClientOrderId.Value ?? string.Empty));
        }

        var record = S.Orders[orderId];
        var request = record.View.Request;
        if (fill.Market != request.Market || fill.Side != request.Side)
        {
            return new FillOutcome(null, false, new DomainError(ErrorKind.InvalidArgument, "fill_mismatch", "fill",
                $"fill {fill.FillId} is a {fill.Side} of {fill.Market} but order {cloid} is a {request.Side} of {request.Market}"));
        }

        if (FillValidation.Check(fill.Side, fill.Size, fill.Price, Money.Zero, Math.Max(1, request.Leverage), fill.Price) is { } inputError)
        {
            return new FillOutcome(null, false, inputError);
        }

        var policy = OperatorConfigRules.PolicyOf(await OperatorAsync().GetConfigAsync());
        var fee = FeeModel.Charge(FeeInputs(fill, policy));
        if (!fee.IsSuccess)
        {
            return new FillOutcome(null, false, fee.Error);
        }

        var market = await MarketAsync(fill.Market);
        if (!market.IsSuccess)
        {
            return new FillOutcome(null, false, market.Error);
        }

        var consumed = ConsumeReservation(orderId, fill.Size);
        S = S with { AppliedFills = S.AppliedFills.Add(fill.FillId) };
        CountVolume(fill);
        if (request.MarginMode == MarginMode.Isolated)
        {
            return await ApplyIsolatedFillAsync(fill, orderId, fee.Value, consumed, request.Leverage);
        }

        var (cross, _) = await CrossAsync();
        var mark = market.Value.Snapshot.Mark.IsPositive ? market.Value.Snapshot.Mark : fill.Price;
        var applied = cross.ApplyFill(market.Value.Rules, fill.Side, fill.Size, fill.Price, fee.Value.Total, request.Leverage, mark);
        if (!applied.IsSuccess)
        {
            throw new InvalidOperationException($"fill {fill.FillId} passed its checks but the Domain refused it: {applied.Error}");
        }

        var symbol = fill.Market.Symbol;
        Book($"fill:{fill.FillId}:pnl", LedgerEntryKind.RealizedPnl, applied.Value.RealizedPnl, fill.Market, fill.FillId, skipZero: true);
        Book($"fill:{fill.FillId}:fee", LedgerEntryKind.TradingFee, -fee.Value.Total, fill.Market, fill.FillId, skipZero: true);
        S = S with
        {
            Cross = applied.Value.Position.IsFlat
                ? S.Cross.Remove(symbol)
                : S.Cross.SetItem(symbol, new CrossPositionState(fill.Market, applied.Value.Position, request.Leverage, mark)),
        };
        RecordFill(fill, orderId, MarginMode.Cross, fee.Value, applied.Value.RealizedPnl, applied.Value.Position.Size, Money.Zero);
        SettleReservation(orderId);
        await EmitCrossPositionAsync(fill.Market);
        await SaveAsync();
        await DeliverOutboxAsync();
        var recorded = S.Fills[^1];
        await CancelOverhangingReduceOnlyAsync(fill.Market, MarginMode.Cross, recorded.PositionAfter);
        return new FillOutcome(recorded, false, null);
    }

    /// <summary>Takes the fill's share of its order's reservation (all of it on the last fill).</summary>
    private Money ConsumeReservation(string orderId, Quantity size)
    {
        var record = S.Orders[orderId];
        var view = record.View;
        var unfilled = view.Request.Size - view.FilledSize;
        var consumed = size >= unfilled || !unfilled.IsPositive
            ? view.Reserved
            : new Money(FixedPoint.MulDiv(view.Reserved.Units, size.Units, unfilled.Units, Rounding.Floor));
        var filled = Quantity.Min(view.Request.Size, view.FilledSize + size);
        var status = view.Status;
        if (status is OrderStatus.Open or OrderStatus.Pending or OrderStatus.PendingTrigger)
        {
            status = filled == view.Request.Size ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        }
        else if (status == OrderStatus.PartiallyFilled && filled == view.Request.Size)
        {
            status = OrderStatus.Filled;
        }

        var now = clock.GetUtcNow();
        Put(new OrderRecord(view with { FilledSize = filled, Reserved = view.Reserved - consumed, Status = status, UpdatedAt = now },
            Quantity.Max(record.VenueFilledSize, filled)));
        S = S with { Reserved = S.Reserved - consumed };
        Emit(seq => new OrderChanged(Key, seq, now, S.Orders[orderId].View));
        return consumed;
    }

    private async Task<FillOutcome> ApplyIsolatedFillAsync(AccountFill fill, string orderId, FeeCharge fee, Money marginIn, int leverage)
    {
        // the order's reserved margin moves with the fill into the isolated position: debited here, received there
        Book($"fill:{fill.FillId}:margin-in", LedgerEntryKind.TransferToIsolated, -marginIn, fill.Market, fill.FillId, skipZero: true);
        var link = S.Isolated.GetValueOrDefault(fill.Market.Symbol) ?? new IsolatedLink(fill.Market, Quantity.Zero, Money.Zero);
        S = S with
        {
            Isolated = S.Isolated.SetItem(fill.Market.Symbol, link with { Margin = link.Margin + marginIn }),
            Pending = S.Pending.Add(new PendingTransfer(fill.FillId, PendingKind.Fill, fill.Market, marginIn, leverage, new PendingFill(fill, orderId, fee))),
        };
        SettleReservation(orderId);
        await SaveAsync();
        await CompletePendingAsync();
        await DeliverOutboxAsync();
        var recorded = await FindFillAsync(fill.FillId);
        if (recorded is not null)
        {
            // the isolated position acknowledged the fill: what it reported is the position now
            await CancelOverhangingReduceOnlyAsync(fill.Market, MarginMode.Isolated, S.Isolated.GetValueOrDefault(fill.Market.Symbol)?.Size ?? Quantity.Zero);
        }

        return new FillOutcome(recorded, false, null);
    }

    private void RecordFill(AccountFill fill, string orderId, MarginMode mode, FeeCharge fee, Money realized, Quantity positionAfter, Money badDebt)
    {
        var view = new FillView(FillCount + 1, fill.FillId, orderId, fill.ClientOrderId, fill.Market, mode, fill.Side, fill.Price, fill.Size,
            fill.Liquidity, fee, realized, positionAfter, badDebt, fill.Venue, fill.Time);
        S = S with { Fills = S.Fills.Add(view) };
        QueueFeeCredits(fill, fee);

        if (badDebt.IsPositive)
        {
            AddToOutbox(seq => new OutboxItem(seq, null, new BadDebtClaim($"{Key}:fill:{fill.FillId}", Key, fill.Market, badDebt)));
        }

        Emit(seq => new FillApplied(Key, seq, clock.GetUtcNow(), view));
    }

    private void AddToOutbox(Func<long, OutboxItem> create)
    {
        var seq = S.OutboxSequence + 1;
        S = S with { OutboxSequence = seq, Outbox = S.Outbox.Add(create(seq)) };
    }

    private void Book(string key, LedgerEntryKind kind, Money amount, Domain.Markets.MarketId market, string reference, bool skipZero)
    {
        if (!(skipZero && amount.IsZero))
        {
            Book(key, kind, amount, market, reference);
        }
    }

    /// <summary>Delivers fee credits, bad-debt claims and referral rebates in order; what cannot be delivered now stays for the next turn.</summary>
    private async Task DeliverOutboxAsync()
    {
        while (S.Outbox.Count > 0)
        {
            var item = S.Outbox[0];
            if (item.Fee is { } credit)
            {
                await GrainFactory.GetGrain<IFeeCollectorGrain>(OperatorId).CreditAsync(credit);
            }

            if (item.BadDebt is { } claim)
            {
                await GrainFactory.GetGrain<IInsuranceFundGrain>(OperatorId).CoverBadDebtAsync(claim);
            }

            if (item.Rebate is { } rebate)
            {
                await GrainFactory.GetGrain<IReferralAccountGrain>(rebate.ReferrerAccountKey).CreditReferralRebateAsync(rebate);
            }

            S = S with { Outbox = S.Outbox.RemoveAt(0) };
            await SaveAsync();
        }
    }
}
