using System.Threading.Channels;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Tests.Routing;

/// <summary>
/// A real simulated venue seen through a wrapper, for the two things its own configuration cannot do: advertise fewer
/// capabilities (the simulated venue supports everything), and sever its event feed as a dropped connection does
/// (its fault injection drops single fills, not connections). Every call still goes to the real venue. With
/// <paramref name="reportsAliases"/> it also names our ids on the wire as an adapter does after a restart, when it no
/// longer remembers placing the order: every fill and order it reports carries <see cref="WireAlias"/> of our id.
/// </summary>
internal sealed class WrappedVenue(IVenue inner, VenueCapabilities? capabilities = null, bool reportsAliases = false) : IVenue
{
    private readonly Lock _gate = new();
    private readonly List<Channel<VenueEvent>> _feeds = [];
    private TaskCompletionSource _open = Opened();

    public VenueId Id => inner.Id;

    public VenueCapabilities Capabilities => capabilities ?? inner.Capabilities;

    public ClientOrderId? WireAlias(ClientOrderId ours) => reportsAliases ? new ClientOrderId("wire-" + ours.Value) : null;

    /// <summary>Fails every live event feed as a dropped connection would, and holds new subscriptions until <see cref="Reconnect"/>.</summary>
    public void Sever()
    {
        lock (_gate)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var feed in _feeds)
            {
                feed.Writer.TryComplete(new VenueUnavailableException($"{Id}: connection lost"));
            }

            _feeds.Clear();
        }
    }

    /// <summary>Lets subscriptions through again.</summary>
    public void Reconnect()
    {
        lock (_gate)
        {
            _open.TrySetResult();
        }
    }

    public async Task<IVenueSubscription<VenueEvent>> SubscribeEventsAsync(CancellationToken cancellationToken)
    {
        Task open;
        lock (_gate)
        {
            open = _open.Task;
        }

        await open.WaitAsync(cancellationToken);
        var source = await inner.SubscribeEventsAsync(cancellationToken);
        var feed = Channel.CreateUnbounded<VenueEvent>();
        lock (_gate)
        {
            _feeds.Add(feed);
        }

        _ = PumpAsync(source, feed, Rename);
        return new Subscription(feed, source);
    }

    public Task<IReadOnlyList<VenueMarket>> GetMarketsAsync(CancellationToken cancellationToken) => inner.GetMarketsAsync(cancellationToken);

    public Task<Result<OrderBookSnapshot>> GetOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken) => inner.GetOrderBookAsync(market, depth, cancellationToken);

    public Task<Result<IVenueSubscription<OrderBookSnapshot>>> SubscribeOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken) => inner.SubscribeOrderBookAsync(market, depth, cancellationToken);

    public Task<Result<MarketPrices>> GetMarketPricesAsync(MarketId market, CancellationToken cancellationToken) => inner.GetMarketPricesAsync(market, cancellationToken);

    public Task<PlaceOrderResult> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken) => inner.PlaceOrderAsync(order, cancellationToken);

    public Task<Result<VenueOrder>> CancelOrderAsync(MarketId market, VenueOrderId orderId, CancellationToken cancellationToken) => inner.CancelOrderAsync(market, orderId, cancellationToken);

    public Task<Result<VenueOrder>> CancelOrderByClientIdAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) => inner.CancelOrderByClientIdAsync(clientOrderId, cancellationToken);

    public Task<Result<VenueOrder>> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken cancellationToken) => inner.ModifyOrderAsync(request, cancellationToken);

    public Task<Result<VenueOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) => inner.GetOrderAsync(clientOrderId, cancellationToken);

    public Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(CancellationToken cancellationToken) => inner.GetOpenOrdersAsync(cancellationToken);

    public async Task<IReadOnlyList<VenueFill>> GetFillsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        (await inner.GetFillsAsync(since, limit, cancellationToken)).Select(f => f with { ClientOrderId = WireAlias(f.ClientOrderId) ?? f.ClientOrderId }).ToArray();

    public Task<VenueAccountState> GetAccountAsync(CancellationToken cancellationToken) => inner.GetAccountAsync(cancellationToken);

    public Task<VenueHealth> GetHealthAsync(CancellationToken cancellationToken) => inner.GetHealthAsync(cancellationToken);

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private VenueEvent Rename(VenueEvent e) => e switch
    {
        FillReceived f when WireAlias(f.Fill.ClientOrderId) is { } alias => f with { Fill = f.Fill with { ClientOrderId = alias } },
        OrderUpdated o when WireAlias(o.Order.ClientOrderId) is { } alias => o with { Order = o.Order with { ClientOrderId = alias } },
        _ => e,
    };

    private static async Task PumpAsync(IVenueSubscription<VenueEvent> source, Channel<VenueEvent> feed, Func<VenueEvent, VenueEvent> rename)
    {
        try
        {
            await foreach (var e in source.Reader.ReadAllAsync())
            {
                if (!feed.Writer.TryWrite(rename(e)))
                {
                    break;
                }
            }
        }
        catch (ChannelClosedException)
        {
            // the source ended; the wrapper's feed ends with it below
        }

        feed.Writer.TryComplete();
    }

    private sealed class Subscription(Channel<VenueEvent> feed, IVenueSubscription<VenueEvent> source) : IVenueSubscription<VenueEvent>
    {
        public ChannelReader<VenueEvent> Reader => feed.Reader;

        public async ValueTask DisposeAsync()
        {
            feed.Writer.TryComplete();
            await source.DisposeAsync();
        }
    }
}
