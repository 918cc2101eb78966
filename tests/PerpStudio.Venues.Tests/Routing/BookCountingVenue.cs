using System.Threading.Channels;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Tests.Routing;

/// <summary>
/// A real simulated venue that counts its book fetches and can end its book feeds as a dropped connection does. Every
/// call still goes to the real venue.
/// </summary>
internal sealed class BookCountingVenue(IVenue inner) : IVenue
{
    private readonly Lock _gate = new();
    private readonly List<Channel<OrderBookSnapshot>> _feeds = [];
    private int _fetches;
    private bool _refuseFeeds;

    public int BookFetches => Volatile.Read(ref _fetches);

    public VenueId Id => inner.Id;

    public VenueCapabilities Capabilities => inner.Capabilities;

    /// <summary>Ends every book feed with an error and refuses new ones.</summary>
    public void DropBookFeeds()
    {
        lock (_gate)
        {
            _refuseFeeds = true;
            foreach (var feed in _feeds)
            {
                feed.Writer.TryComplete(new VenueUnavailableException($"{Id}: connection lost"));
            }

            _feeds.Clear();
        }
    }

    public Task<Result<OrderBookSnapshot>> GetOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        return inner.GetOrderBookAsync(market, depth, cancellationToken);
    }

    public async Task<Result<IVenueSubscription<OrderBookSnapshot>>> SubscribeOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_refuseFeeds)
            {
                return new DomainError(ErrorKind.FailedPrecondition, "venue_unavailable", "venue", $"{Id}: connection lost");
            }
        }

        var source = await inner.SubscribeOrderBookAsync(market, depth, cancellationToken);
        if (!source.IsSuccess)
        {
            return source.Error;
        }

        var feed = Channel.CreateUnbounded<OrderBookSnapshot>();
        lock (_gate)
        {
            _feeds.Add(feed);
        }

        _ = PumpAsync(source.Value, feed);
        return new Subscription(feed, source.Value);
    }

    public Task<IReadOnlyList<VenueMarket>> GetMarketsAsync(CancellationToken cancellationToken) => inner.GetMarketsAsync(cancellationToken);

    public Task<Result<MarketPrices>> GetMarketPricesAsync(MarketId market, CancellationToken cancellationToken) => inner.GetMarketPricesAsync(market, cancellationToken);

    public Task<PlaceOrderResult> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken) => inner.PlaceOrderAsync(order, cancellationToken);

    public Task<Result<VenueOrder>> CancelOrderAsync(MarketId market, VenueOrderId orderId, CancellationToken cancellationToken) => inner.CancelOrderAsync(market, orderId, cancellationToken);

    public Task<Result<VenueOrder>> CancelOrderByClientIdAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) => inner.CancelOrderByClientIdAsync(clientOrderId, cancellationToken);

    public Task<Result<VenueOrder>> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken cancellationToken) => inner.ModifyOrderAsync(request, cancellationToken);

    public Task<Result<VenueOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) => inner.GetOrderAsync(clientOrderId, cancellationToken);

    public Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(CancellationToken cancellationToken) => inner.GetOpenOrdersAsync(cancellationToken);

    public Task<IReadOnlyList<VenueFill>> GetFillsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) => inner.GetFillsAsync(since, limit, cancellationToken);

    public Task<VenueAccountState> GetAccountAsync(CancellationToken cancellationToken) => inner.GetAccountAsync(cancellationToken);

    public Task<VenueHealth> GetHealthAsync(CancellationToken cancellationToken) => inner.GetHealthAsync(cancellationToken);

    public Task<IVenueSubscription<VenueEvent>> SubscribeEventsAsync(CancellationToken cancellationToken) => inner.SubscribeEventsAsync(cancellationToken);

    private static async Task PumpAsync(IVenueSubscription<OrderBookSnapshot> source, Channel<OrderBookSnapshot> feed)
    {
        try
        {
            await foreach (var book in source.Reader.ReadAllAsync())
            {
                if (!feed.Writer.TryWrite(book))
                {
                    break;
                }
            }
        }
        catch (ChannelClosedException)
        {
            // the source ended; so does the feed below
        }

        feed.Writer.TryComplete();
        await source.DisposeAsync();
    }

    private sealed class Subscription(Channel<OrderBookSnapshot> feed, IVenueSubscription<OrderBookSnapshot> source) : IVenueSubscription<OrderBookSnapshot>
    {
        public ChannelReader<OrderBookSnapshot> Reader => feed.Reader;

        public async ValueTask DisposeAsync()
        {
            feed.Writer.TryComplete();
            await source.DisposeAsync();
        }
    }
}
