using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Conformance;

/// <summary>
/// The base of every conformance class: makes a harness per test and offers the order and waiting steps the tests
/// share. Waits are for real signals from the venue, bounded by <see cref="SignalTimeout"/> so that a broken adapter
/// fails instead of hanging.
/// </summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class VenueConformance<TFactory> : IAsyncLifetime
    where TFactory : IVenueHarnessFactory, new()
{
    /// <summary>The longest a test waits for a venue's answer or event.</summary>
    protected static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(15);

    private IVenueHarness? _harness;
    private MarketSpec? _spec;

    /// <summary>The venue under test.</summary>
    protected IVenue Venue => (_harness ?? throw new InvalidOperationException("not initialized")).Venue;

    /// <summary>The market tests trade in.</summary>
    protected MarketId Market => _harness!.Market;

    /// <summary>The market's spec as the venue lists it.</summary>
    protected MarketSpec Spec => _spec!;

    /// <summary>A token that ends the test's waits after <see cref="SignalTimeout"/>.</summary>
    protected CancellationToken Timeout { get; private set; }

    private CancellationTokenSource? _timeoutSource;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _timeoutSource = new CancellationTokenSource(SignalTimeout);
        Timeout = _timeoutSource.Token;
        _harness = await new TFactory().CreateAsync();
        var markets = await Venue.GetMarketsAsync(Timeout);
        _spec = markets.Single(m => m.Id == Market).Spec;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        _timeoutSource?.Dispose();
    }

    /// <summary>A fresh, well-formed client order id.</summary>
    protected static ClientOrderId NewClientOrderId() => new("cf-" + Guid.NewGuid().ToString("N")[..24]);

    /// <summary>The book now (50 levels a side), failing the test if the venue refuses.</summary>
    protected async Task<OrderBookSnapshot> BookAsync()
    {
        var book = await Venue.GetOrderBookAsync(Market, 50, Timeout);
        book.IsSuccess.ShouldBeTrue(book.Error?.ToString());
        return book.Value;
    }

    /// <summary>The smallest lot multiple whose value at <paramref name="price"/> reaches the minimum notional (twice it, for margin of error).</summary>
    protected Quantity MinimumSize(Price price)
    {
        var lot = Spec.LotSize.Units;
        var lots = 1L;
        while (Notional.Of(new Quantity(lots * lot), price, Rounding.Floor) < Spec.MinNotional)
        {
            lots *= 2;
        }

        return new Quantity(lots * lot * 2);
    }

    /// <summary>A limit order in the test market.</summary>
    protected OrderRequest Limit(Side side, Price price, Quantity size, TimeInForce timeInForce = TimeInForce.Gtc, bool reduceOnly = false) =>
        new(NewClientOrderId(), Market, side, OrderType.Limit, size, price, timeInForce, reduceOnly, MarginMode.Cross, Leverage: 1);

    /// <summary>A market order in the test market, bounded by <paramref name="worstPrice"/>.</summary>
    protected OrderRequest MarketOrder(Side side, Quantity size, Price? worstPrice = null, bool reduceOnly = false) =>
        new(NewClientOrderId(), Market, side, OrderType.Market, size, worstPrice, TimeInForce.Ioc, reduceOnly, MarginMode.Cross, Leverage: 1);

    /// <summary>A bid price that does not cross: <paramref name="ticksBelow"/> ticks under the best bid (or the best ask).</summary>
    protected async Task<Price> PassiveBidAsync(int ticksBelow)
    {
        var book = await BookAsync();
        var top = book.BestBid?.Price ?? book.BestAsk!.Value.Price - Spec.TickSize;
        return new Price(top.Units - (ticksBelow * Spec.TickSize.Units));
    }

    /// <summary>Places an order, failing the test when the venue refuses the request itself.</summary>
    protected async Task<VenueOrder> PlaceAcceptedAsync(OrderRequest order)
    {
        var result = await Venue.PlaceOrderAsync(order, Timeout);
        result.IsAccepted.ShouldBeTrue(result.Error?.ToString());
        return result.Order!;
    }

    /// <summary>Buys at once (IOC at the best ask) enough to reach the minimum notional; returns the order after it.</summary>
    protected async Task<VenueOrder> BuyNowAsync(Quantity? size = null)
    {
        var ask = (await BookAsync()).BestAsk!.Value;
        var order = await PlaceAcceptedAsync(Limit(Side.Buy, ask.Price, size ?? MinimumSize(ask.Price), TimeInForce.Ioc));
        order.FilledSize.IsPositive.ShouldBeTrue($"the IOC buy at the best ask did not fill: {order}");
        return order;
    }

    /// <summary>Reads fills from the feed until those of <paramref name="clientOrderId"/> add up to <paramref name="filled"/> (each fill id counted once).</summary>
    protected async Task<List<VenueFill>> FillsOfAsync(IVenueSubscription<VenueEvent> feed, ClientOrderId clientOrderId, Quantity filled)
    {
        var fills = new List<VenueFill>();
        var seen = new HashSet<VenueFillId>();
        var total = Quantity.Zero;
        while (total < filled)
        {
            var message = await feed.Reader.ReadAsync(Timeout);
            if (message is FillReceived { Fill: var fill } && fill.ClientOrderId == clientOrderId && seen.Add(fill.FillId))
            {
                fills.Add(fill);
                total += fill.Size;
            }
        }

        total.ShouldBe(filled);
        return fills;
    }

    /// <summary>Reads order updates from the feed until <paramref name="clientOrderId"/> reaches a state <paramref name="done"/> accepts.</summary>
    protected async Task<VenueOrder> UpdateOfAsync(IVenueSubscription<VenueEvent> feed, ClientOrderId clientOrderId, Func<VenueOrder, bool> done)
    {
        while (true)
        {
            var message = await feed.Reader.ReadAsync(Timeout);
            if (message is OrderUpdated { Order: var order } && order.ClientOrderId == clientOrderId && done(order))
            {
                return order;
            }
        }
    }
}
