using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Operators;
using PerpStudio.Grains.Orders;

namespace PerpStudio.Grains.Accounts;

/// <summary>Order entry: check, reserve, record pending, send, record the outcome.</summary>
public sealed partial class AccountGrain
{
    /// <inheritdoc />
    public async Task<OrderResult> PlaceOrderAsync(OrderRequest order)
    {
        using var span = AccountTracing.StartPlaceOrder(Key, order);
        var result = await PlaceOrderCoreAsync(order);
        span?.SetTag("perpstudio.order_status", result.Error is null ? result.Order?.Status.ToString() : "Refused");
        return result;
    }

    private async Task<OrderResult> PlaceOrderCoreAsync(OrderRequest order)
    {
        if (order is null)
        {
            return OrderResult.Refused(Refusals.Required("order"));
        }

        if (TryGetOrderId(order.ClientOrderId.Value, out var existingId))
        {
            // a retry: the same order, re-sent only while its outcome is unknown (the venue deduplicates by order id)
            var existing = (await FindOrderAsync(existingId))!.View;
            return existing.Status == OrderStatus.Pending
                ? await SendAsync(existingId, duplicate: true)
                : new OrderResult(existing, null, true);
        }

        var check = await CheckAsync(order, excludingReservation: Money.Zero);
        if (check.Refusal is { } refusal)
        {
            return OrderResult.Refused(refusal);
        }

        order = check.Order ?? order; // a reduce-only order trimmed to what the other open closes leave

        var orderId = PlatformOrderIds.For(Key, order.ClientOrderId);
        var now = clock.GetUtcNow();
        var view = new OrderView(orderId, order.ClientOrderId, order, OrderStatus.Pending, Quantity.Zero, check.Reservation, null, null, null, now, now);
        S = S with
        {
            Orders = S.Orders.SetItem(orderId, new OrderRecord(view, Quantity.Zero)),
            OrderIds = S.OrderIds.SetItem(order.ClientOrderId.Value, orderId),
            Reserved = S.Reserved + check.Reservation,
        };
        _touchedOrders.Add(orderId);
        Emit(seq => new OrderChanged(Key, seq, now, view));
        await SaveAsync(); // write-ahead: the order and its reservation exist before any venue sees it
        return await SendAsync(orderId, duplicate: false);
    }

    /// <inheritdoc />
    public Task<OrderResult> CancelOrderByClientIdAsync(ClientOrderId clientOrderId) =>
        TryGetOrderId(clientOrderId.Value, out var orderId)
            ? CancelOrderAsync(orderId)
            : Task.FromResult(OrderResult.Refused(UnknownOrder(clientOrderId.Value ?? string.Empty)));

    /// <inheritdoc />
    public async Task<OrderResult> CancelOrderAsync(string orderId)
    {
        if (orderId is null || await FindOrderAsync(orderId) is not { } record)
        {
            return OrderResult.Refused(UnknownOrder(orderId ?? string.Empty));
        }

        var view = record.View;
        if (view.IsTerminal)
        {
            return new OrderResult(view, new DomainError(ErrorKind.FailedPrecondition, "order_not_open", "order_id", $"order {view.ClientOrderId} is {view.Status}"), false);
        }

        var result = await gateway.CancelAsync(RefOf(view), CancellationToken.None);
        if (result.Outcome is GatewayOutcome.Cancelled or GatewayOutcome.Filled)
        {
            ApplyGatewayResult(orderId, result);
            await SaveAsync();
            return new OrderResult(S.Orders[orderId].View, null, false);
        }

        return new OrderResult(view, result.Error ?? new DomainError(ErrorKind.FailedPrecondition, "cancel_failed", "order_id", $"cancel ended {result.Outcome}"), false);
    }

    /// <inheritdoc />
    public async Task<OrderResult> ModifyOrderAsync(OrderModification modification)
    {
        ArgumentNullException.ThrowIfNull(modification);
        if (modification.ClientOrderId.Value is not { } cloid || !TryGetOrderId(cloid, out var orderId))
        {
            return OrderResult.Refused(UnknownOrder(modification.ClientOrderId.Value ?? string.Empty));
        }

        var record = (await FindOrderAsync(orderId))!;
        var view = record.View;
        if (view.Status is not (OrderStatus.Open or OrderStatus.PartiallyFilled) || view.Request.Type != OrderType.Limit)
        {
            return new OrderResult(view, new DomainError(ErrorKind.FailedPrecondition, "order_not_modifiable", "client_order_id", $"order {cloid} is a {view.Request.Type} order that is {view.Status}"), false);
        }

        var request = view.Request with { LimitPrice = modification.NewPrice ?? view.Request.LimitPrice, Size = modification.NewSize ?? view.Request.Size };
        if (request.Size <= view.FilledSize)
        {
            return new OrderResult(view, Refusals.NotPositive("size", (request.Size - view.FilledSize).ToString()), false);
        }

        var check = await CheckAsync(request, excludingReservation: view.Reserved, filled: view.FilledSize, orderId: orderId);
        if (check.Refusal is { } refusal)
        {
            return new OrderResult(view, refusal, false);
        }

        if (check.Order is { } fitted && fitted.Size != request.Size)
        {
            // a modification is not trimmed behind the trader's back: the new size is refused as a whole
            return new OrderResult(view, new DomainError(ErrorKind.FailedPrecondition, ReduceOnlyBudget.ExceedsPosition, "size",
                $"with the other open reduce-only orders, {request.Size} would close more than the position; at most {fitted.Size} fits"), false);
        }

        var result = await gateway.ModifyAsync(RefOf(view), modification.NewPrice, modification.NewSize, CancellationToken.None);
        if (result.Outcome is GatewayOutcome.Rejected or GatewayOutcome.NeverReached or GatewayOutcome.Unknown)
        {
            return new OrderResult(view, result.Error ?? new DomainError(ErrorKind.FailedPrecondition, "modify_failed", "client_order_id", $"modify ended {result.Outcome}"), false);
        }

        S = S with { Reserved = S.Reserved - view.Reserved + check.Reservation };
        Put(record with { View = view with { Request = request, Reserved = check.Reservation } });
        ApplyGatewayResult(orderId, result);
        await SaveAsync();
        return new OrderResult(S.Orders[orderId].View, null, false);
    }

    /// <inheritdoc />
    public async Task<OrderResult> ClosePositionAsync(ClosePosition close)
    {
        ArgumentNullException.ThrowIfNull(close);
        Quantity size;
        int leverage;
        if (close.Mode == MarginMode.Cross && S.Cross.TryGetValue(close.Market.Symbol, out var cross))
        {
            (size, leverage) = (cross.Position.Size, cross.Leverage);
        }
        else if (close.Mode == MarginMode.Isolated && S.Isolated.ContainsKey(close.Market.Symbol))
        {
            var isolated = await IsolatedGrain(close.Market).GetAsync();
            (size, leverage) = (isolated.Position.Position.Size, isolated.Position.Leverage);
        }
        else
        {
            return OrderResult.Refused(NoPosition(close.Market));
        }

        if (size.IsZero)
        {
            return OrderResult.Refused(NoPosition(close.Market));
        }

        var side = size.IsPositive ? Side.Sell : Side.Buy;
        var order = new OrderRequest(close.ClientOrderId, close.Market, side, OrderType.Market, close.Size ?? size.Abs(), close.WorstPrice,
            TimeInForce.Ioc, true, close.Mode, leverage);
        return await PlaceOrderAsync(order);
    }

    /// <inheritdoc />
    public async Task<OrderResult> ApplyOrderUpdateAsync(AccountOrderUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (await FindOrderAsync(update.OrderId) is not { } record)
        {
            return OrderResult.Refused(UnknownOrder(update.OrderId));
        }

        if (record.View.IsTerminal)
        {
            return new OrderResult(record.View, null, true);
        }

        var now = clock.GetUtcNow();
        var view = record.View with
        {
            Status = update.Status,
            VenueOrderId = update.VenueOrderId ?? record.View.VenueOrderId,
            Reject = update.Reject ?? record.View.Reject,
            UpdatedAt = now,
        };
        Put(new OrderRecord(view, Quantity.Max(record.VenueFilledSize, update.VenueFilledSize)));
        SettleReservation(update.OrderId);
        Emit(seq => new OrderChanged(Key, seq, now, S.Orders[update.OrderId].View));
        await SaveAsync();
        return new OrderResult(S.Orders[update.OrderId].View, null, false);
    }

    private async Task<OrderResult> SendAsync(string orderId, bool duplicate)
    {
        var view = S.Orders[orderId].View;
        var result = await gateway.PlaceAsync(new GatewayOrder(Key, orderId, ForVenue(view.Request)), CancellationToken.None);
        ApplyGatewayResult(orderId, result);
        await SaveAsync();
        var after = S.Orders[orderId].View;
        var error = result.Outcome is GatewayOutcome.Rejected or GatewayOutcome.NeverReached ? result.Error : null;
        return new OrderResult(after, error, duplicate);
    }

    /// <summary>Records what the venue said of an order and releases the reservation it no longer needs.</summary>
    private void ApplyGatewayResult(string orderId, GatewayResult result)
    {
        var record = S.Orders[orderId];
        var view = record.View;
        var venueFilled = record.VenueFilledSize;
        var now = clock.GetUtcNow();
        (OrderStatus status, DomainError? reject, Quantity filled) = result.Outcome switch
        {
            GatewayOutcome.Resting => (result.Status is OrderStatus.Open or OrderStatus.PartiallyFilled or OrderStatus.PendingTrigger ? result.Status : OrderStatus.Open, view.Reject, result.FilledSize),
            GatewayOutcome.Filled => (OrderStatus.Filled, view.Reject, view.Request.Size),
            GatewayOutcome.Cancelled => (OrderStatus.Cancelled, result.Error, result.FilledSize),
            GatewayOutcome.Rejected => (OrderStatus.Rejected, result.Error, result.FilledSize),
            GatewayOutcome.NeverReached => (OrderStatus.NeverReached, result.Error, Quantity.Zero),
            _ => (view.Status, result.Error, Quantity.Zero),
        };
        view = view with
        {
            Status = status,
            Reject = reject,
            Venue = result.Venue ?? view.Venue,
            VenueOrderId = result.VenueOrderId ?? view.VenueOrderId,
            UpdatedAt = now,
        };
        Put(new OrderRecord(view, Quantity.Max(venueFilled, filled)));
        SettleReservation(orderId);
        Emit(seq => new OrderChanged(Key, seq, now, S.Orders[orderId].View));
    }

    /// <summary>
    /// A terminal order keeps only the reservation its fills still on their way will consume (the venue said they
    /// happened); the rest goes back to free collateral.
    /// </summary>
    private void SettleReservation(string orderId)
    {
        var record = S.Orders[orderId];
        var view = record.View;
        if (!view.IsTerminal || view.Reserved.IsZero)
        {
            return;
        }

        var outstanding = record.VenueFilledSize - view.FilledSize;
        var unfilled = view.Request.Size - view.FilledSize;
        var keep = outstanding.IsPositive && unfilled.IsPositive
            ? new Money(FixedPoint.MulDiv(view.Reserved.Units, Math.Min(outstanding.Units, unfilled.Units), unfilled.Units, Rounding.Ceiling))
            : Money.Zero;
        S = S with { Reserved = S.Reserved - (view.Reserved - keep) };
        Put(record with { View = view with { Reserved = keep } });
    }

    /// <summary>
    /// The order as the venue gets it: reduce-only is this account's rule, checked here against this account's own
    /// position; the venue holds the operator's one account, netted over every trader, where the same flag would test
    /// the wrong position (flat or opposite when other traders hold the other side) and refuse a legitimate close.
    /// </summary>
    private static OrderRequest ForVenue(OrderRequest request) => request.ReduceOnly ? request with { ReduceOnly = false } : request;

    private void Put(OrderRecord record)
    {
        S = S with { Orders = S.Orders.SetItem(record.View.OrderId, record) };
        _touchedOrders.Add(record.View.OrderId);
    }

    private GatewayOrderRef RefOf(OrderView view) => new(Key, view.OrderId, view.Request.Market, view.Venue, view.VenueOrderId);

    private IIsolatedPositionGrain IsolatedGrain(MarketId market) => GrainFactory.GetGrain<IIsolatedPositionGrain>(GrainKeys.Isolated(Key, market));

    private static DomainError UnknownOrder(string id) => new(ErrorKind.NotFound, "unknown_order", "order_id", $"no order {id} in this account");

    private static DomainError NoPosition(MarketId market) => new(ErrorKind.NotFound, "no_position", "market", $"there is no position in {market}");

    /// <summary>The outcome of checking an order: a refusal, or the reservation it needs.</summary>
    /// <param name="Refusal">Why not, or null.</param>
    /// <param name="Reservation">Margin to hold while it is open.</param>
    private sealed record OrderCheck(DomainError? Refusal, Money Reservation)
    {
        /// <summary>The order as checked: the request, or a reduce-only one trimmed to what the other open closes leave.</summary>
        public OrderRequest? Order { get; init; }
    }

    /// <summary>
    /// Everything before reserving: the operator offers the market and mode, the mode matches any open position, the
    /// Domain's validation and pre-trade check pass, a stale mark refuses risk-increasing orders, the position stays
    /// under the operator's notional limit.
    /// </summary>
    private async Task<OrderCheck> CheckAsync(OrderRequest order, Money excludingReservation, Quantity filled = default, string? orderId = null)
    {
        var config = await OperatorAsync().GetConfigAsync();
        if (config.Offering(order.Market) is null)
        {
            return new OrderCheck(Refusals.UnknownMarket(order.Market.Symbol ?? string.Empty), Money.Zero);
        }

        var market = await MarketAsync(order.Market);
        if (!market.IsSuccess)
        {
            return new OrderCheck(market.Error, Money.Zero);
        }

        if (ModeConflict(order) is { } conflict)
        {
            return new OrderCheck(conflict, Money.Zero);
        }

        var policy = OperatorConfigRules.PolicyOf(config);
        var (cross, _) = await CrossAsync();
        cross = cross.Release(excludingReservation).Value;
        IsolatedPosition? isolated = null;
        var current = Position.Flat;
        if (order.MarginMode == MarginMode.Isolated && S.Isolated.ContainsKey(order.Market.Symbol))
        {
            isolated = (await IsolatedGrain(order.Market).GetAsync()).Position;
            current = isolated.Position;
        }
        else if (cross.TryGetPosition(order.Market, out var p))
        {
            current = p.Position;
        }

        var fitted = ReduceOnlyBudget.Fit(order with { Size = order.Size - filled }, current.Size, order.ReduceOnly ? PendingReduceOnly(order, orderId) : Quantity.Zero);
        if (!fitted.IsSuccess)
        {
            return new OrderCheck(fitted.Error, Money.Zero);
        }

        order = fitted.Value with { Size = fitted.Value.Size + filled };

        var snapshot = market.Value.Snapshot;
        var catalog = MarketRulesCache.CatalogOf(market.Value.Rules);
        var validated = OrderValidator.Validate(new OrderValidationParameters(order, catalog, policy, snapshot.Mark, current));
        if (!validated.IsSuccess)
        {
            return new OrderCheck(validated.Error, Money.Zero);
        }

        var limits = RiskLimits.Check(new RiskLimitParameters(
            validated.Value, snapshot.MarkTime, snapshot.IsStale, clock.GetUtcNow(), config.Risk.StaleMarkAfter, config.Risk.MaxPositionNotional));
        if (limits is not null)
        {
            return new OrderCheck(limits, Money.Zero);
        }

        var decision = PreTradeCheck.Check(new PreTradeCheckParameters(order, catalog, policy, gateway.FeeScheduleFor(order.Market), snapshot.Mark, cross, isolated));
        if (!decision.Accepted)
        {
            return new OrderCheck(decision.Refusal, Money.Zero);
        }

        if (validated.Value.ReducesOnly)
        {
            // a close frees margin and never draws on it: an underwater account (negative free collateral) must still be able to close
            return new OrderCheck(null, Money.Zero) { Order = order };
        }

        var reservation = Money.Max(Money.Zero, decision.MarginRequired);
        if (filled.IsPositive && reservation.IsPositive)
        {
            // a modified order only needs margin for what is still to fill
            reservation = new Money(FixedPoint.MulDiv(reservation.Units, (order.Size - filled).Units, order.Size.Units, Rounding.Ceiling));
        }

        var reserved = cross.Reserve(reservation);
        return reserved.IsSuccess ? new OrderCheck(null, reservation) { Order = order } : new OrderCheck(reserved.Error, Money.Zero);
    }

    /// <summary>Unfilled size of the open reduce-only orders on the same market, mode and side that compete with the order (other than <paramref name="orderId"/>).</summary>
    private Quantity PendingReduceOnly(OrderRequest order, string? orderId) =>
        S.Orders.Values
            .Select(o => o.View)
            .Where(v => !v.IsTerminal && v.Request.ReduceOnly && v.OrderId != orderId && v.Request.Market == order.Market
                && v.Request.MarginMode == order.MarginMode && v.Request.Side == order.Side && ReduceOnlyBudget.Competes(v.Request, order))
            .Aggregate(Quantity.Zero, (sum, v) => sum + (v.Request.Size - v.FilledSize));

    private DomainError? ModeConflict(OrderRequest order)
    {
        var symbol = order.Market.Symbol ?? string.Empty;
        var hasIsolated = S.Isolated.TryGetValue(symbol, out var link) && !link.Size.IsZero;
        return MarginModeLock.Check(order, S.Cross.ContainsKey(symbol), hasIsolated);
    }
}
