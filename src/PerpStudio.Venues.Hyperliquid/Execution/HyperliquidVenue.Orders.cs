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

/// <summary>Order entry: place, cancel, modify, look up.</summary>
public sealed partial class HyperliquidVenue
{
    /// <inheritdoc />
    public async Task<PlaceOrderResult> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!_markets.TryGet(order.Market, out var market))
        {
            return PlaceOrderResult.Refused(VenueRejectCodes.UnknownMarketError(order.Market));
        }

        if (OrderValidation.Check(order, market) is { } invalid)
        {
            return PlaceOrderResult.Refused(invalid);
        }

        var initial = new VenueOrder(order.ClientOrderId, null, order, Quantity.Zero, VenueOrderStatus.Open, null, _time.GetUtcNow());
        var tracked = _orders.GetOrAdd(new TrackedOrder(market, Cloid.For(order.ClientOrderId), initial), out var added);
        if (!added)
        {
            if (!tracked.Pending)
            {
                return PlaceOrderResult.Accepted(tracked.State, duplicate: true);
            }

            // an earlier attempt ended without an answer: ask the venue before sending again
            if (await LookUpAsync(tracked, cancellationToken).ConfigureAwait(false) is { } known)
            {
                return PlaceOrderResult.Accepted(known, duplicate: true);
            }
        }

        return await SendPlacementAsync(tracked, order, market, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Result<VenueOrder>> CancelOrderAsync(MarketId market, VenueOrderId orderId, CancellationToken cancellationToken)
    {
        if (!_markets.TryGet(market, out var m))
        {
            return VenueRejectCodes.UnknownMarketError(market);
        }

        if (!long.TryParse(orderId.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var oid))
        {
            return VenueRejectCodes.UnknownOrderError(orderId.Value);
        }

        var response = await Exchange.SendAsync(ExchangeActions.Cancel([(m.Asset, oid)]), cancellationToken).ConfigureAwait(false);
        var status = await Info.OrderStatusAsync(Account, oid, cancellationToken).ConfigureAwait(false);
        return CancelOutcome(response, status, orderId.Value, m, _orders.TryGet(orderId, out var t) ? t : null);
    }

    /// <inheritdoc />
    public async Task<Result<VenueOrder>> CancelOrderByClientIdAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        var cloid = Cloid.For(clientOrderId);
        _orders.TryGet(clientOrderId, out var tracked);
        var market = tracked?.Market;
        if (market is null)
        {
            var known = await Info.OrderStatusAsync(Account, cloid, cancellationToken).ConfigureAwait(false);
            if (known is null || !_markets.TryGetByCoin(known.Order.Coin, out market))
            {
                return VenueRejectCodes.UnknownOrderError(clientOrderId.Value);
            }
        }

        var response = await Exchange.SendAsync(ExchangeActions.CancelByCloid([(market.Asset, cloid)]), cancellationToken).ConfigureAwait(false);
        var status = await Info.OrderStatusAsync(Account, cloid, cancellationToken).ConfigureAwait(false);
        return CancelOutcome(response, status, clientOrderId.Value, market, tracked);
    }

    /// <inheritdoc />
    public async Task<Result<VenueOrder>> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = await GetOrderAsync(request.ClientOrderId, cancellationToken).ConfigureAwait(false);
        if (!current.IsSuccess)
        {
            return current;
        }

        var order = current.Value;
        if (order.IsTerminal || order.Status == VenueOrderStatus.PendingTrigger || order.VenueOrderId is null)
        {
            return VenueRejectCodes.OrderNotOpenError(request.ClientOrderId.Value, order.Status.ToString());
        }

        _markets.TryGet(order.Market, out var market);
        var changed = order.Request with
        {
            LimitPrice = request.NewPrice ?? order.Request.LimitPrice,
            Size = request.NewSize ?? order.Request.Size,
        };
        if (request.NewPrice is { } price && OrderValidation.PriceError("limit_price", price, market!) is { } priceError)
        {
            return priceError;
        }

        if (request.NewSize is { } size && (!size.IsPositive || size.Units % market!.Spec.LotSize.Units != 0))
        {
            return VenueRejectCodes.SizeOffLotError(size, market!.Spec.LotSize);
        }

        if (changed.Size <= order.FilledSize)
        {
            return new DomainError(ErrorKind.InvalidArgument, VenueRejectCodes.InvalidOrder, "size", $"new size {changed.Size} must exceed the filled {order.FilledSize}");
        }

        var oid = long.Parse(order.VenueOrderId.Value.Value, CultureInfo.InvariantCulture);
        // Hyperliquid's modify takes the size still to fill
        var wire = WireOf(changed with { Size = changed.Size - order.FilledSize }, market!, Cloid.For(order.ClientOrderId), changed.LimitPrice!.Value);
        var response = await Exchange.SendAsync(ExchangeActions.Modify(oid, null, wire), cancellationToken).ConfigureAwait(false);
        var error = response.IsOk ? response.Statuses.FirstOrDefault(s => s.Kind == ActionStatusKind.Error)?.Error : response.Error;
        if (error is not null)
        {
            return OrderStatusMapping.RejectOf(error);
        }

        _orders.TryGet(order.ClientOrderId, out var tracked);
        var refreshed = tracked is not null ? await LookUpAsync(tracked, cancellationToken).ConfigureAwait(false) : null;
        return refreshed ?? order with { Request = changed };
    }

    /// <inheritdoc />
    public async Task<Result<VenueOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (_orders.TryGet(clientOrderId, out var tracked))
        {
            return await LookUpAsync(tracked, cancellationToken).ConfigureAwait(false) is { } known
                ? known
                : VenueRejectCodes.UnknownOrderError(clientOrderId.Value);
        }

        var status = await Info.OrderStatusAsync(Account, Cloid.For(clientOrderId), cancellationToken).ConfigureAwait(false);
        if (status is null || !_markets.TryGetByCoin(status.Order.Coin, out var market))
        {
            return VenueRejectCodes.UnknownOrderError(clientOrderId.Value);
        }

        return OrderStatusMapping.ToVenueOrder(status, OrderStatusMapping.RequestOf(status.Order, market, clientOrderId), clientOrderId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(CancellationToken cancellationToken)
    {
        var open = await Info.FrontendOpenOrdersAsync(Account, cancellationToken).ConfigureAwait(false);
        var orders = new List<VenueOrder>();
        foreach (var o in open)
        {
            if (_markets.TryGetByCoin(o.Coin, out var market))
            {
                orders.Add(ToVenueOrder(new HistoricalOrder(o, "open", o.Timestamp), market));
            }
        }

        return orders;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueFill>> GetFillsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var fills = await Info.UserFillsByTimeAsync(Account, since.ToUnixTimeMilliseconds(), null, cancellationToken).ConfigureAwait(false);
        return fills.Where(f => f.Time >= since.ToUnixTimeMilliseconds())
            .OrderBy(f => f.Time)
            .Take(Math.Max(limit, 0))
            .Select(ToVenueFill)
            .ToList();
    }

    private async Task<VenueOrder?> LookUpAsync(TrackedOrder tracked, CancellationToken cancellationToken)
    {
        var status = await Info.OrderStatusAsync(Account, tracked.Cloid, cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            return tracked.Pending ? null : tracked.State;
        }

        tracked.Pending = false;
        var state = tracked.Update(OrderStatusMapping.ToVenueOrder(status, tracked.State.Request, tracked.ClientOrderId));
        if (state.VenueOrderId is { } oid)
        {
            _orders.IndexOid(tracked, oid);
        }

        return state;
    }

    private Result<VenueOrder> CancelOutcome(ExchangeResponse response, HistoricalOrder? status, string id, HyperliquidMarket market, TrackedOrder? tracked)
    {
        if (status is null)
        {
            return VenueRejectCodes.UnknownOrderError(id);
        }

        var state = ToVenueOrder(status, market, tracked);
        var error = response.IsOk ? response.Statuses.FirstOrDefault(s => s.Kind == ActionStatusKind.Error)?.Error : response.Error;
        if (error is not null)
        {
            return state.IsTerminal
                ? VenueRejectCodes.OrderNotOpenError(id, state.Status.ToString().ToLowerInvariant())
                : OrderStatusMapping.RejectOf(error);
        }

        return state;
    }

    private VenueOrder ToVenueOrder(HistoricalOrder status, HyperliquidMarket market, TrackedOrder? tracked = null)
    {
        if (tracked is null && status.Order.Cloid is { } cloid)
        {
            _orders.TryGet(cloid, out tracked);
        }

        if (tracked is null)
        {
            _orders.TryGet(new VenueOrderId(status.Order.Oid.ToString(CultureInfo.InvariantCulture)), out tracked);
        }

        if (tracked is not null)
        {
            var state = tracked.Update(OrderStatusMapping.ToVenueOrder(status, tracked.State.Request, tracked.ClientOrderId));
            _orders.IndexOid(tracked, state.VenueOrderId!.Value);
            return state;
        }

        var foreign = ForeignClientOrderId(status.Order.Oid, status.Order.Cloid);
        return OrderStatusMapping.ToVenueOrder(status, OrderStatusMapping.RequestOf(status.Order, market, foreign), foreign);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Our id travels as its cloid, which is deterministic (<see cref="Cloid.For"/>): an order this instance did not
    /// place, or placed before a restart, is reported as <c>hl-cloid-</c> + the cloid's 32 hex digits.
    /// </remarks>
    public ClientOrderId? WireAlias(ClientOrderId ours) => ClientOrderId.IsValid(ours.Value) ? CloidAlias(Cloid.For(ours)) : null;

    private static ClientOrderId CloidAlias(Cloid cloid) => new("hl-cloid-" + cloid.Hex[2..]);

    // an order we do not track is named by its cloid when it had one (an alias the router may know), else by its oid
    private static ClientOrderId ForeignClientOrderId(long oid, Cloid? cloid) =>
        cloid is { } c ? CloidAlias(c) : new("hl-oid-" + oid.ToString(CultureInfo.InvariantCulture));
}
