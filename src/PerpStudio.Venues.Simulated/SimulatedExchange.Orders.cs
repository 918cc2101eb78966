using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Venues.Simulated;

/// <summary>Order entry: placement (idempotent by client order id), cancel, modify, triggers and reduce-only trimming.</summary>
public sealed partial class SimulatedExchange
{
    internal PlaceOrderResult Place(VenueAccount account, OrderRequest request)
    {
        if (account.Orders.TryGetValue(request.ClientOrderId, out var existing))
        {
            return PlaceOrderResult.Accepted(existing.ToVenueOrder(), duplicate: true);
        }

        var error = OrderValidation.Validate(request, _markets, out var market);
        if (error is not null)
        {
            return PlaceOrderResult.Refused(error);
        }

        var record = new OrderRecord(_nextOrderId++, account, market!, request, _time.GetUtcNow());
        account.Orders.Add(request.ClientOrderId, record);
        account.OrdersByVenueId.Add(record.VenueOrderId, record);
        if (request.Trigger != TriggerKind.None)
        {
            market!.PendingTriggers.Add(record);
            Finish(record, VenueOrderStatus.PendingTrigger, null);
        }
        else
        {
            Execute(record);
        }

        AfterChange(market!);
        return PlaceOrderResult.Accepted(record.ToVenueOrder());
    }

    internal Result<VenueOrder> Cancel(VenueAccount account, OrderRecord? record, string id)
    {
        if (record is null)
        {
            return VenueRejectCodes.UnknownOrderError(id);
        }

        if (!record.IsLive)
        {
            return VenueRejectCodes.OrderNotOpenError(id, record.Status.ToString());
        }

        if (record.Status == VenueOrderStatus.PendingTrigger)
        {
            record.Market.PendingTriggers.Remove(record);
        }
        else
        {
            record.Market.Book.TryCancel(record.EngineId, out _);
            _resting.Remove(record.EngineId);
            account.LiveReduceOnly.Remove(record);
        }

        Finish(record, VenueOrderStatus.Cancelled, null);
        AfterChange(record.Market);
        return record.ToVenueOrder();
    }

    internal Result<VenueOrder> Modify(VenueAccount account, ModifyOrderRequest change)
    {
        var id = change.ClientOrderId.Value;
        if (!account.Orders.TryGetValue(change.ClientOrderId, out var record))
        {
            return VenueRejectCodes.UnknownOrderError(id);
        }

        if (!record.IsLive)
        {
            return VenueRejectCodes.OrderNotOpenError(id, record.Status.ToString());
        }

        var error = OrderValidation.ValidateChange(record.Request, record.Market.Spec, change, new Quantity(record.FilledUnits));
        if (error is not null)
        {
            return error;
        }

        var updated = record.Request with
        {
            LimitPrice = change.NewPrice ?? record.Request.LimitPrice,
            Size = change.NewSize ?? record.Request.Size,
        };
        if (record.Status == VenueOrderStatus.PendingTrigger)
        {
            record.Request = updated;
            Finish(record, VenueOrderStatus.PendingTrigger, null);
            AfterChange(record.Market);
            return record.ToVenueOrder();
        }

        var newRemaining = updated.Size.Units - record.FilledUnits;
        if (updated.ReduceOnly)
        {
            var position = account.SizeIn(record.Market.Id);
            if (position == 0 || Math.Sign(position) == updated.Side.Sign() || newRemaining > Math.Abs(position))
            {
                return new DomainError(ErrorKind.FailedPrecondition, VenueRejectCodes.ReduceOnlyWouldIncrease, "new_size",
                    $"reduce-only {updated.Side} {new Quantity(newRemaining)} against a position of {new Quantity(position)} would open, increase or flip it");
            }
        }

        var newTicks = updated.LimitPrice!.Value.Units / record.Market.TickUnits;
        if (record.BookTimeInForce == BookTimeInForce.PostOnly && record.Market.Book.TryGetOrder(record.EngineId, out _, out var ticks, out _)
            && ticks != newTicks && record.Market.Book.WouldCross(updated.Side, newTicks))
        {
            return new DomainError(ErrorKind.FailedPrecondition, VenueRejectCodes.PostOnlyWouldCross, "new_price",
                $"post-only {updated.Side} moved to {updated.LimitPrice} would match at once; the order is unchanged");
        }

        record.Request = updated;
        _taker = record;
        MatchResult result;
        try
        {
            record.Market.Book.TryModify(record.EngineId, newTicks, newRemaining, record.BookTimeInForce, out result);
        }
        finally
        {
            _taker = null;
        }

        if (result.Status == MatchStatus.Filled)
        {
            _resting.Remove(record.EngineId);
            account.LiveReduceOnly.Remove(record);
            Finish(record, VenueOrderStatus.Filled, null);
        }
        else
        {
            Finish(record, record.FilledUnits > 0 ? VenueOrderStatus.PartiallyFilled : VenueOrderStatus.Open, null);
        }

        AfterChange(record.Market);
        return record.ToVenueOrder();
    }

    /// <summary>After anything that can move a book or a position: trim reduce-only orders, fire triggers, publish the book.</summary>
    private void AfterChange(MarketState market)
    {
        TrimReduceOnly();
        var fired = true;
        while (fired)
        {
            fired = false;
            var mark = market.Mark();
            for (var i = 0; i < market.PendingTriggers.Count; i++)
            {
                var record = market.PendingTriggers[i];
                if (ShouldFire(record.Request, mark))
                {
                    market.PendingTriggers.RemoveAt(i);
                    Execute(record);
                    TrimReduceOnly();
                    fired = true;
                    break;
                }
            }
        }

        PublishBook(market);
    }

    // A sell's take profit fires as the mark rises to it and its stop loss as the mark falls to it; a buy's the other way.
    private static bool ShouldFire(OrderRequest request, Price mark)
    {
        var trigger = request.TriggerPrice!.Value;
        var rising = (request.Side == Side.Sell) == (request.Trigger == TriggerKind.TakeProfit);
        return rising ? mark >= trigger : mark <= trigger;
    }

    /// <summary>Shrinks or cancels resting reduce-only orders so that, together, they can never flip a position that fills have changed.</summary>
    private void TrimReduceOnly()
    {
        foreach (var account in _touched)
        {
            if (account.LiveReduceOnly.Count == 0)
            {
                continue;
            }

            foreach (var record in account.LiveReduceOnly.ToArray())
            {
                var position = account.SizeIn(record.Market.Id);
                var reduces = position != 0 && Math.Sign(position) != record.Request.Side.Sign();
                var used = 0L;
                foreach (var other in account.LiveReduceOnly)
                {
                    if (ReferenceEquals(other, record))
                    {
                        break;
                    }

                    if (other.Market == record.Market)
                    {
                        used += other.RemainingUnits;
                    }
                }

                var allowed = reduces ? Math.Abs(position) - used : 0;
                if (record.RemainingUnits <= allowed)
                {
                    continue;
                }

                if (allowed <= 0)
                {
                    record.Market.Book.TryCancel(record.EngineId, out _);
                    _resting.Remove(record.EngineId);
                    account.LiveReduceOnly.Remove(record);
                    Finish(record, VenueOrderStatus.Cancelled, ReduceOnlyError(record, position));
                }
                else
                {
                    record.Market.Book.TryGetOrder(record.EngineId, out _, out var ticks, out _);
                    record.Market.Book.TryModify(record.EngineId, ticks, allowed, record.BookTimeInForce, out _);
                    record.Request = record.Request with { Size = new Quantity(record.FilledUnits + allowed) };
                    Finish(record, record.Status, null);
                }
            }
        }

        _touched.Clear();
    }

    private void PublishBook(MarketState market)
    {
        if (market.BookFeeds.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var subscriber in market.BookFeeds)
        {
            if (market.SnapshotIfChanged(subscriber.Depth, now, subscriber.Last) is { } changed)
            {
                subscriber.Last = changed;
                subscriber.Feed.Publish(changed);
            }
        }
    }

    private void SettleFundingIfDue()
    {
        var now = _time.GetUtcNow();
        foreach (var market in _marketList)
        {
            while (now >= market.NextFunding)
            {
                var rate = market.FundingRate(Options.FundingDamping, Options.FundingCap);
                var mark = market.Mark();
                var at = market.NextFunding;
                foreach (var account in _accounts)
                {
                    if (!account.Positions.TryGetValue(market.Id, out var position) || position.Size == 0)
                    {
                        continue;
                    }

                    // longs pay a positive rate; rounded down, so a payment is rounded up and a receipt down
                    var units = -(Int128)position.Size * mark.Units * rate.Units;
                    var amount = new Money(FixedPoint.Divide(units, (Int128)FixedPoint.NotionalDivisor * Rate.Scale, Rounding.Floor));
                    account.Collateral += amount;
                    if (!account.IsMarketMaker)
                    {
                        var paymentId = $"{Id.Value}-funding-{market.Id.Symbol}-{at.ToUnixTimeSeconds()}";
                        Publish(account, new FundingPaid(Id, at, paymentId, market.Id, new Quantity(position.Size), rate, amount));
                    }
                }

                market.NextFunding = at + Options.FundingInterval;
            }
        }
    }
}
