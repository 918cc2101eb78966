using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated;

/// <summary>
/// One platform account's connection to a <see cref="SimulatedExchange"/>: the <see cref="IVenue"/> the router and
/// the grains use. Every call first crosses the simulated network (latency on the exchange's
/// <see cref="TimeProvider"/>, unreachability); order entry then rolls the fault dice for timeouts and busy rejects.
/// </summary>
public sealed class SimulatedVenue : IVenue
{
    private readonly SimulatedExchange _exchange;
    private readonly VenueAccount _account;

    internal SimulatedVenue(SimulatedExchange exchange, VenueAccount account)
    {
        _exchange = exchange;
        _account = account;
    }

    /// <inheritdoc />
    public VenueId Id => _exchange.Id;

    /// <inheritdoc />
    public VenueCapabilities Capabilities => _exchange.Capabilities;

    /// <summary>The venue this account trades on.</summary>
    public SimulatedExchange Exchange => _exchange;

    /// <summary>The account's name at the venue.</summary>
    public string AccountName => _account.Name;

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueMarket>> GetMarketsAsync(CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(_exchange.ListMarkets);
    }

    /// <inheritdoc />
    public async Task<Result<OrderBookSnapshot>> GetOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() => _exchange.Book(market, depth));
    }

    /// <inheritdoc />
    public async Task<Result<IVenueSubscription<OrderBookSnapshot>>> SubscribeOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() => _exchange.SubscribeBook(market, depth));
    }

    /// <inheritdoc />
    public async Task<Result<IVenueSubscription<VenuePublicTrade>>> SubscribeTradesAsync(MarketId market, CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() => _exchange.SubscribeTrades(market));
    }

    /// <inheritdoc />
    public async Task<Result<MarketPrices>> GetMarketPricesAsync(MarketId market, CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() => _exchange.Prices(market));
    }

    /// <inheritdoc />
    public async Task<PlaceOrderResult> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        using var span = VenueTracing.StartPlaceOrder(Id, order);
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() =>
        {
            var faults = _exchange.Faults;
            if (_exchange.Roll(faults.TimeoutPerMillion))
            {
                if (_exchange.Roll(faults.TimeoutAppliedPerMillion))
                {
                    _exchange.Place(_account, order);
                }

                throw new VenueTimeoutException($"{Id} did not answer placing {order.ClientOrderId}");
            }

            if (_exchange.Roll(faults.RejectPerMillion))
            {
                return PlaceOrderResult.Refused(new DomainError(
                    ErrorKind.FailedPrecondition, VenueRejectCodes.VenueBusy, string.Empty, $"{Id} is busy; retry"));
            }

            return _exchange.Place(_account, order);
        });
    }

    /// <inheritdoc />
    public Task<Result<VenueOrder>> CancelOrderAsync(MarketId market, VenueOrderId orderId, CancellationToken cancellationToken) =>
        EnterAsync(
            () =>
            {
                var record = _account.OrdersByVenueId.GetValueOrDefault(orderId);
                return _exchange.Cancel(_account, record?.Market.Id == market ? record : null, orderId.Value);
            },
            $"cancelling {orderId}",
            cancellationToken);

    /// <inheritdoc />
    public Task<Result<VenueOrder>> CancelOrderByClientIdAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) =>
        EnterAsync(
            () => _exchange.Cancel(_account, _account.Orders.GetValueOrDefault(clientOrderId), clientOrderId.Value),
            $"cancelling {clientOrderId}",
            cancellationToken);

    /// <inheritdoc />
    public Task<Result<VenueOrder>> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterAsync(() => _exchange.Modify(_account, request), $"modifying {request.ClientOrderId}", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Result<VenueOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked<Result<VenueOrder>>(() => _account.Orders.TryGetValue(clientOrderId, out var record)
            ? record.ToVenueOrder()
            : VenueRejectCodes.UnknownOrderError(clientOrderId.Value));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() => _exchange.OpenOrders(_account));
    }

    /// <inheritdoc />
    public async Task<IVenueSubscription<VenueEvent>> SubscribeEventsAsync(CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() => _exchange.SubscribeEvents(_account));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueFill>> GetFillsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() => _exchange.Fills(_account, since, limit));
    }

    /// <inheritdoc />
    public async Task<VenueAccountState> GetAccountAsync(CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() => _exchange.AccountState(_account));
    }

    /// <inheritdoc />
    public async Task<VenueHealth> GetHealthAsync(CancellationToken cancellationToken)
    {
        var time = _exchange.Time;
        var started = time.GetTimestamp();
        var faults = _exchange.Faults;
        if (faults.Unreachable)
        {
            return new VenueHealth(VenueHealthStatus.Down, TimeSpan.Zero, time.GetUtcNow(), $"{Id} is unreachable");
        }

        await CrossNetworkAsync(cancellationToken);
        var latency = time.GetElapsedTime(started);
        var slow = _exchange.Options.Latency >= _exchange.Options.DegradedLatency;
        var status = slow || faults.Any ? VenueHealthStatus.Degraded : VenueHealthStatus.Up;
        var detail = status == VenueHealthStatus.Up ? string.Empty : slow ? "slow responses" : "injected faults";
        return new VenueHealth(status, latency, time.GetUtcNow(), detail);
    }

    private async Task<Result<VenueOrder>> EnterAsync(Func<Result<VenueOrder>> action, string what, CancellationToken cancellationToken)
    {
        await CrossNetworkAsync(cancellationToken);
        return _exchange.Locked(() =>
        {
            var faults = _exchange.Faults;
            if (_exchange.Roll(faults.TimeoutPerMillion))
            {
                if (_exchange.Roll(faults.TimeoutAppliedPerMillion))
                {
                    action();
                }

                throw new VenueTimeoutException($"{Id} did not answer {what}");
            }

            return action();
        });
    }

    private async Task CrossNetworkAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_exchange.Faults.Unreachable)
        {
            throw new VenueUnavailableException($"{Id} is unreachable");
        }

        var latency = _exchange.Options.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _exchange.Time, cancellationToken);
        }
    }
}
