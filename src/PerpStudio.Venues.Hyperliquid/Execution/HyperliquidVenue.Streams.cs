using System.Collections.Concurrent;
using System.Globalization;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.WebSocket;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>Live feeds: the account's orders and fills, books; recovery of fills missed while disconnected.</summary>
public sealed partial class HyperliquidVenue
{
    private readonly HyperliquidWebSocketClient _socket;
    private readonly SemaphoreSlim _socketStart = new(1, 1);
    private readonly ConcurrentDictionary<FeedSubscription<VenueEvent>, byte> _eventFeeds = new();
    private readonly ConcurrentDictionary<FeedSubscription<OrderBookSnapshot>, (HyperliquidMarket Market, int Depth)> _bookFeeds = new();
    private readonly FillLedger _fills = new();
    private readonly Lock _fillGate = new();
    private long _eventsSince;

    /// <summary>How many times the websocket connected (1 until the first reconnect).</summary>
    public int SocketConnections => _socket.Connections;

    /// <inheritdoc />
    public async Task<IVenueSubscription<VenueEvent>> SubscribeEventsAsync(CancellationToken cancellationToken)
    {
        await EnsureSocketAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.CompareExchange(ref _eventsSince, _time.GetUtcNow().ToUnixTimeMilliseconds(), 0);
        var feed = new FeedSubscription<VenueEvent>(f =>
        {
            _eventFeeds.TryRemove(f, out _);
            return ValueTask.CompletedTask;
        });
        _eventFeeds.TryAdd(feed, 0);
        var user = Account.ToLowerHex();
        await _socket.SubscribeAsync(WsProtocol.UserSubscription("userFills", user), cancellationToken).ConfigureAwait(false);
        await _socket.SubscribeAsync(WsProtocol.UserSubscription("orderUpdates", user), cancellationToken).ConfigureAwait(false);
        return feed;
    }

    /// <inheritdoc />
    public async Task<Result<IVenueSubscription<OrderBookSnapshot>>> SubscribeOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken)
    {
        if (!_markets.TryGet(market, out var m))
        {
            return VenueRejectCodes.UnknownMarketError(market);
        }

        await EnsureSocketAsync(cancellationToken).ConfigureAwait(false);
        var subscription = WsProtocol.CoinSubscription("l2Book", m.Coin);
        var feed = new FeedSubscription<OrderBookSnapshot>(async f =>
        {
            _bookFeeds.TryRemove(f, out _);
            if (!_bookFeeds.Values.Any(v => v.Market.Coin == m.Coin))
            {
                await _socket.UnsubscribeAsync(subscription, CancellationToken.None).ConfigureAwait(false);
            }
        });
        _bookFeeds[feed] = (m, depth);
        await _socket.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
        // the first snapshot at once, whatever the stream sends next
        var book = await Info.L2BookAsync(m.Coin, cancellationToken).ConfigureAwait(false);
        feed.TryWrite(Snapshot(m, book, depth));
        return feed;
    }

    private async Task EnsureSocketAsync(CancellationToken cancellationToken)
    {
        if (_socket.Connections > 0)
        {
            return;
        }

        await _socketStart.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_socket.Connections == 0)
            {
                await _socket.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException)
        {
            throw new VenueUnavailableException($"hyperliquid websocket unreachable: {e.Message}", e);
        }
        finally
        {
            _socketStart.Release();
        }
    }

    private ValueTask OnSocketMessageAsync(WsMessage message)
    {
        switch (message)
        {
            case WsFills fills:
                // the first connection's snapshot is history the consumer already has; after a reconnect it may hold missed fills
                DeliverFills(fills.Fills, emit: !fills.IsSnapshot || _socket.Connections > 1);
                break;
            case WsOrderUpdates updates:
                foreach (var update in updates.Updates)
                {
                    if (_markets.TryGetByCoin(update.Order.Coin, out var market))
                    {
                        var order = ToVenueOrder(update, market);
                        Broadcast(new OrderUpdated(Id, order.UpdatedAt, order));
                    }
                }

                break;
            case WsTrades trades:
                DeliverTrades(trades);
                break;
            case WsBook book when _markets.TryGetByCoin(book.Book.Coin, out var market):
                foreach (var (feed, target) in _bookFeeds)
                {
                    if (target.Market.Coin == book.Book.Coin)
                    {
                        feed.TryWrite(Snapshot(market, book.Book, target.Depth));
                    }
                }

                break;
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask RecoverAfterReconnectAsync()
    {
        var since = Math.Max(_fills.LatestTime, Interlocked.Read(ref _eventsSince));
        if (since == 0)
        {
            return;
        }

        try
        {
            var missed = await Info.UserFillsByTimeAsync(Account, since, null, CancellationToken.None).ConfigureAwait(false);
            DeliverFills(missed.OrderBy(f => f.Time).ToList(), emit: true);
        }
        catch (Exception e) when (e is VenueUnavailableException or FormatException or RateLimits.RateLimitExceededException)
        {
            // the consumer's own reconciliation through GetFillsAsync covers what could not be recovered here
            foreach (var feed in _eventFeeds.Keys)
            {
                feed.Complete(e);
            }
        }
    }

    private void DeliverFills(IReadOnlyList<UserFill> fills, bool emit)
    {
        // one gate so the stream and the recovery never deliver the same fill twice
        lock (_fillGate)
        {
            foreach (var fill in fills)
            {
                if (_fills.TryRecord(fill.FillId, fill.Time) && emit)
                {
                    var venueFill = ToVenueFill(fill);
                    Broadcast(new FillReceived(Id, venueFill.Time, venueFill));
                }
            }
        }
    }

    private void Broadcast(VenueEvent venueEvent)
    {
        foreach (var feed in _eventFeeds.Keys)
        {
            feed.TryWrite(venueEvent);
        }
    }

    private VenueFill ToVenueFill(UserFill fill)
    {
        TrackedOrder? tracked = null;
        if (fill.Cloid is { } cloid)
        {
            _orders.TryGet(cloid, out tracked);
        }

        var oid = new VenueOrderId(fill.Oid.ToString(CultureInfo.InvariantCulture));
        if (tracked is null)
        {
            _orders.TryGet(oid, out tracked);
        }

        return new VenueFill(
            new VenueFillId(fill.FillId),
            oid,
            tracked?.ClientOrderId ?? ForeignClientOrderId(fill.Oid, fill.Cloid),
            HyperliquidMarkets.IdOf(fill.Coin),
            fill.Side,
            fill.Price,
            fill.Size,
            fill.Fee,
            fill.Crossed ? Liquidity.Taker : Liquidity.Maker,
            DateTimeOffset.FromUnixTimeMilliseconds(fill.Time));
    }
}
