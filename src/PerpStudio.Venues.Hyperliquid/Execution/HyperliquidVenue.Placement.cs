using System.Collections.Concurrent;
using System.Globalization;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.RateLimits;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>Placement: leverage set-up, the execution price of market orders, the order wire and the venue's answer.</summary>
public sealed partial class HyperliquidVenue
{
    private readonly ConcurrentDictionary<int, (bool IsCross, int Leverage)> _leverage = new();

    private async Task<PlaceOrderResult> SendPlacementAsync(TrackedOrder tracked, OrderRequest order, HyperliquidMarket market, CancellationToken cancellationToken)
    {
        ExchangeResponse response;
        try
        {
            if (await EnsureLeverageAsync(order, market, cancellationToken).ConfigureAwait(false) is { } leverageError)
            {
                _orders.Remove(tracked);
                return PlaceOrderResult.Refused(leverageError);
            }

            var price = await ExecutionPriceAsync(order, market, cancellationToken).ConfigureAwait(false);
            var action = ExchangeActions.Order([WireOf(order, market, tracked.Cloid, price)], OrderGrouping.None, _builder);
            response = await Exchange.SendAsync(action, cancellationToken).ConfigureAwait(false);
        }
        catch (RateLimitExceededException e)
        {
            _orders.Remove(tracked);
            return PlaceOrderResult.Refused(new DomainError(ErrorKind.FailedPrecondition, VenueRejectCodes.VenueBusy, "", e.Message));
        }
        catch (VenueUnavailableException e) when (!e.OutcomeUnknown)
        {
            _orders.Remove(tracked);
            throw;
        }

        var error = response.IsOk ? response.Statuses.FirstOrDefault()?.Error : response.Error;
        if (error is not null && OrderStatusMapping.IsDuplicateCloid(error) && await LookUpAsync(tracked, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return PlaceOrderResult.Accepted(existing, duplicate: true);
        }

        if (!response.IsOk || response.Statuses.Count == 0)
        {
            // the venue refused the whole action (signature, nonce, account): nothing was placed
            _orders.Remove(tracked);
            return PlaceOrderResult.Refused(OrderStatusMapping.RejectOf(error ?? "the venue returned no status"));
        }

        var state = StateAfterPlacement(order, response.Statuses[0]);
        if (state.Status == VenueOrderStatus.Rejected && state.Reject is { Kind: ErrorKind.InvalidArgument } inputError)
        {
            _orders.Remove(tracked);
            return PlaceOrderResult.Refused(inputError);
        }

        tracked.Pending = false;
        var current = tracked.Update(state);
        if (current.VenueOrderId is { } oid)
        {
            _orders.IndexOid(tracked, oid);
        }

        return PlaceOrderResult.Accepted(current);
    }

    private VenueOrder StateAfterPlacement(OrderRequest order, ActionStatus status)
    {
        var now = _time.GetUtcNow();
        VenueOrderId? oid = status.Oid is { } o ? new VenueOrderId(o.ToString(CultureInfo.InvariantCulture)) : null;
        var rests = order.Type == OrderType.Limit && order.TimeInForce != TimeInForce.Ioc;
        return status.Kind switch
        {
            ActionStatusKind.Resting or ActionStatusKind.WaitingForTrigger or ActionStatusKind.WaitingForFill =>
                new VenueOrder(order.ClientOrderId, oid, order, Quantity.Zero, order.Trigger != TriggerKind.None ? VenueOrderStatus.PendingTrigger : VenueOrderStatus.Open, null, now),
            ActionStatusKind.Filled when status.TotalSize >= order.Size =>
                new VenueOrder(order.ClientOrderId, oid, order, order.Size, VenueOrderStatus.Filled, null, now),
            ActionStatusKind.Filled =>
                new VenueOrder(order.ClientOrderId, oid, order, status.TotalSize!.Value, rests ? VenueOrderStatus.PartiallyFilled : VenueOrderStatus.Cancelled, null, now),
            _ => new VenueOrder(order.ClientOrderId, oid, order, Quantity.Zero, VenueOrderStatus.Rejected, OrderStatusMapping.RejectOf(status.Error ?? "rejected"), now),
        };
    }

    private async Task<DomainError?> EnsureLeverageAsync(OrderRequest order, HyperliquidMarket market, CancellationToken cancellationToken)
    {
        var wanted = (IsCross: order.MarginMode == MarginMode.Cross, order.Leverage);
        if (order.ReduceOnly || (_leverage.TryGetValue(market.Asset, out var set) && set == wanted))
        {
            return null;
        }

        var response = await Exchange.SendAsync(ExchangeActions.UpdateLeverage(market.Asset, wanted.IsCross, wanted.Leverage), cancellationToken).ConfigureAwait(false);
        if (!response.IsOk)
        {
            return new DomainError(
                ErrorKind.FailedPrecondition,
                VenueRejectCodes.InvalidOrder,
                "leverage",
                $"hyperliquid refused leverage {wanted.Leverage} ({order.MarginMode}) on {market.Coin}: {response.Error}");
        }

        _leverage[market.Asset] = wanted;
        return null;
    }

    private async Task<Price> ExecutionPriceAsync(OrderRequest order, HyperliquidMarket market, CancellationToken cancellationToken)
    {
        var safe = order.Side == Side.Buy ? Rounding.Floor : Rounding.Ceiling;
        if (order.Type == OrderType.Limit)
        {
            return order.LimitPrice!.Value;
        }

        if (order.LimitPrice is { } worst)
        {
            // a market order's worst price is a bound: round it inward, never past what the trader allowed
            return HyperliquidPriceRules.RoundPrice(worst, market.Meta.SzDecimals, safe);
        }

        var reference = order.TriggerPrice;
        if (reference is null)
        {
            var mids = await Info.AllMidsAsync(cancellationToken).ConfigureAwait(false);
            reference = mids.TryGetValue(market.Coin, out var mid) ? mid : throw new VenueUnavailableException($"hyperliquid has no mid price for {market.Coin}");
        }

        var slip = new Money(reference.Value.Units).Times(_options.MarketSlippage, Rounding.Floor).Units;
        var bound = new Price(order.Side == Side.Buy ? reference.Value.Units + slip : reference.Value.Units - slip);
        return HyperliquidPriceRules.RoundPrice(bound, market.Meta.SzDecimals, safe);
    }

    private static OrderWire WireOf(OrderRequest order, HyperliquidMarket market, Cloid cloid, Price price)
    {
        var kind = order.Trigger switch
        {
            TriggerKind.TakeProfit => OrderKind.Trigger(order.TriggerPrice!.Value, order.Type == OrderType.Market, HyperliquidTpsl.TakeProfit),
            TriggerKind.StopLoss => OrderKind.Trigger(order.TriggerPrice!.Value, order.Type == OrderType.Market, HyperliquidTpsl.StopLoss),
            _ => OrderKind.Limit(order.Type == OrderType.Market ? HyperliquidTif.Ioc : order.TimeInForce switch
            {
                TimeInForce.Ioc => HyperliquidTif.Ioc,
                TimeInForce.PostOnly => HyperliquidTif.Alo,
                _ => HyperliquidTif.Gtc,
            }),
        };
        return new OrderWire(market.Asset, order.Side == Side.Buy, price, order.Size, order.ReduceOnly, kind, cloid);
    }
}
