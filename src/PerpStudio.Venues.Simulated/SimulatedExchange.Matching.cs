using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Venues.Simulated;

/// <summary>Execution: orders into the book, trades into fills, positions, fees and events.</summary>
public sealed partial class SimulatedExchange
{
    private long _nextFillNumber;
    private long _nextTradeNumber;

    /// <inheritdoc />
    void IMatchSink.OnTrade(in BookTrade trade)
    {
        var taker = _taker ?? throw new InvalidOperationException("a trade outside of a submission");
        var market = taker.Market;
        var price = market.PriceOf(trade.PriceTicks);
        var maker = _resting[trade.MakerOrderId];
        market.LastTrade = price;
        ApplyFill(maker, trade.Quantity, price, Liquidity.Maker);
        ApplyFill(taker, trade.Quantity, price, Liquidity.Taker);
        PublishTrade(market, new VenuePublicTrade(
            market.Id, $"{Id.Value}-t{++_nextTradeNumber}", price, new Quantity(trade.Quantity), trade.TakerSide, _time.GetUtcNow()));
        if (trade.MakerRemaining == 0)
        {
            _resting.Remove(trade.MakerOrderId);
            maker.Account.LiveReduceOnly.Remove(maker);
            maker.Status = VenueOrderStatus.Filled;
        }
        else
        {
            maker.Status = VenueOrderStatus.PartiallyFilled;
        }

        maker.UpdatedAt = _time.GetUtcNow();
        EmitOrder(maker);
    }

    /// <inheritdoc />
    void IMatchSink.OnRestingCancelled(long orderId, int account, long remaining, RestingCancelCause cause)
    {
        if (_resting.Remove(orderId, out var record))
        {
            record.Account.LiveReduceOnly.Remove(record);
            record.Status = VenueOrderStatus.Cancelled;
            record.Reject = new DomainError(
                ErrorKind.FailedPrecondition, VenueRejectCodes.SelfTradePrevented, string.Empty,
                $"cancelled with {new Quantity(remaining)} unfilled: an order of the same account would have matched it");
            record.UpdatedAt = _time.GetUtcNow();
            EmitOrder(record);
        }
    }

    /// <summary>Sends a live (not pending) order into its book and records what became of it.</summary>
    private MatchStatus Execute(OrderRecord record)
    {
        var market = record.Market;
        var request = record.Request;
        if (request.ReduceOnly && !record.Account.IsMarketMaker)
        {
            var position = record.Account.SizeIn(market.Id);
            var reduces = position != 0 && Math.Sign(position) != request.Side.Sign();
            if (!reduces || record.RemainingUnits > Math.Abs(position))
            {
                Finish(record, VenueOrderStatus.Rejected, ReduceOnlyError(record, position));
                return MatchStatus.Rejected;
            }
        }

        var limitTicks = request.LimitPrice is { } limit
            ? limit.Units / market.TickUnits
            : request.Side == Side.Buy ? long.MaxValue : long.MinValue;
        _taker = record;
        MatchResult result;
        try
        {
            result = market.Book.Submit(record.EngineId, record.Account.Index, request.Side, limitTicks, record.RemainingUnits, record.BookTimeInForce);
        }
        finally
        {
            _taker = null;
        }

        switch (result.Status)
        {
            case MatchStatus.Rested:
                _resting.Add(record.EngineId, record);
                if (request.ReduceOnly)
                {
                    record.Account.LiveReduceOnly.Add(record);
                }

                Finish(record, record.FilledUnits > 0 ? VenueOrderStatus.PartiallyFilled : VenueOrderStatus.Open, null);
                break;
            case MatchStatus.Filled:
                Finish(record, VenueOrderStatus.Filled, null);
                break;
            case MatchStatus.Cancelled when record.FilledUnits > 0:
                Finish(record, VenueOrderStatus.Cancelled, null);
                break;
            case MatchStatus.Cancelled:
                Finish(record, VenueOrderStatus.Rejected, new DomainError(
                    ErrorKind.FailedPrecondition, VenueRejectCodes.NoLiquidity, "limit_price",
                    $"nothing to match {request.Side} {request.Size} within {request.LimitPrice?.ToString() ?? "any price"}"));
                break;
            default:
                Finish(record, VenueOrderStatus.Rejected, new DomainError(
                    ErrorKind.FailedPrecondition, VenueRejectCodes.PostOnlyWouldCross, "limit_price",
                    $"post-only {request.Side} at {request.LimitPrice} would match at once"));
                break;
        }

        return result.Status;
    }

    private static DomainError ReduceOnlyError(OrderRecord record, long position) =>
        new(ErrorKind.FailedPrecondition, VenueRejectCodes.ReduceOnlyWouldIncrease, "reduce_only",
            $"reduce-only {record.Request.Side} {new Quantity(record.RemainingUnits)} against a position of {new Quantity(position)} would open, increase or flip it");

    private void Finish(OrderRecord record, VenueOrderStatus status, DomainError? reject)
    {
        var finishing = status.IsTerminal() && !record.Status.IsTerminal();
        record.Status = status;
        record.Reject = reject;
        record.UpdatedAt = _time.GetUtcNow();
        EmitOrder(record);
        if (finishing)
        {
            record.Account.OrderFinished(record, Options.FinishedOrdersKept);
        }
    }

    private void ApplyFill(OrderRecord record, long quantity, Price price, Liquidity liquidity)
    {
        var account = record.Account;
        var request = record.Request;
        record.FilledUnits += quantity;
        var realized = account.PositionIn(request.Market).Apply(request.Side.Sign() * quantity, price.Units);
        if (account.IsMarketMaker)
        {
            account.Collateral += realized;
            return;
        }

        var size = new Quantity(quantity);
        var rate = liquidity == Liquidity.Maker ? Options.Fees.Maker : Options.Fees.Taker;
        var fee = Notional.Of(size, price, Rounding.Ceiling).Times(rate, Rounding.Ceiling);
        account.Collateral += realized - fee;
        var now = _time.GetUtcNow();
        var fill = new VenueFill(
            new VenueFillId($"{Id.Value}-f{++_nextFillNumber}"), record.VenueOrderId, request.ClientOrderId, request.Market,
            request.Side, price, size, fee, liquidity, now);
        account.Fills.Add(fill);
        if (!_touched.Contains(account))
        {
            _touched.Add(account);
        }

        if (Roll(Faults.DropFillPerMillion))
        {
            return;
        }

        var message = new FillReceived(Id, now, fill);
        Publish(account, message);
        if (Roll(Faults.DuplicateFillPerMillion))
        {
            Publish(account, message);
        }
    }

    private void EmitOrder(OrderRecord record)
    {
        if (!record.Account.IsMarketMaker)
        {
            Publish(record.Account, new OrderUpdated(Id, record.UpdatedAt, record.ToVenueOrder()));
        }
    }

    private static void PublishTrade(MarketState market, VenuePublicTrade trade)
    {
        foreach (var feed in market.TradeFeeds)
        {
            feed.Publish(trade);
        }
    }

    private static void Publish(VenueAccount account, VenueEvent message)
    {
        foreach (var feed in account.Feeds)
        {
            feed.Publish(message);
        }
    }
}
