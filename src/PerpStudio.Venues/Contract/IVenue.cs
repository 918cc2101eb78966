using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;

namespace PerpStudio.Venues.Contract;

/// <summary>
/// One venue as seen through one of the platform's accounts there (an operator's account): market data, order
/// entry, the account's events, positions and balance. Hyperliquid, dYdX v4, GMX v2 and the simulated venue all
/// implement it; each adapter maps these venue-neutral types to its wire format.
/// <para>
/// Refusals of input come back as values (<see cref="DomainError"/> with a code of <see cref="VenueRejectCodes"/>);
/// transport failures throw <see cref="VenueUnavailableException"/> (or <see cref="VenueTimeoutException"/> when the
/// outcome is unknown); cancellation throws <see cref="OperationCanceledException"/>.
/// </para>
/// </summary>
public interface IVenue
{
    /// <summary>The venue's name.</summary>
    VenueId Id { get; }

    /// <summary>What the venue supports and what it charges.</summary>
    VenueCapabilities Capabilities { get; }

    /// <summary>Lists the venue's markets with their specs and venue symbols.</summary>
    Task<IReadOnlyList<VenueMarket>> GetMarketsAsync(CancellationToken cancellationToken);

    /// <summary>The book of one market, at most <paramref name="depth"/> levels a side; unknown market: <see cref="VenueRejectCodes.UnknownMarket"/>.</summary>
    Task<Result<OrderBookSnapshot>> GetOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken);

    /// <summary>Subscribes to the book of one market: a snapshot of at most <paramref name="depth"/> levels a side after each change (the first at once).</summary>
    Task<Result<IVenueSubscription<OrderBookSnapshot>>> SubscribeOrderBookAsync(MarketId market, int depth, CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes to the public trades of one market (every match the venue makes, whoever the counterparties), from
    /// the moment the call completes, in the venue's order. Venues without the feed (<see cref="VenueCapabilities.PublicTrades"/>
    /// false) refuse with <see cref="VenueRejectCodes.Unsupported"/>; unknown market: <see cref="VenueRejectCodes.UnknownMarket"/>.
    /// </summary>
    Task<Result<IVenueSubscription<VenuePublicTrade>>> SubscribeTradesAsync(MarketId market, CancellationToken cancellationToken) =>
        Task.FromResult<Result<IVenueSubscription<VenuePublicTrade>>>(VenueRejectCodes.UnsupportedError("market", "the public trades feed"));

    /// <summary>
    /// How the venue names <paramref name="ours"/> on the wire when it reports an order it does not remember placing
    /// (another process placed it, or this one before a restart): null when it always reports our id as given. The
    /// router records the alias with the leg, so such a fill is still attributed to its leg on any member.
    /// </summary>
    ClientOrderId? WireAlias(ClientOrderId ours) => null;

    /// <summary>Mark, oracle price and funding rate of one market.</summary>
    Task<Result<MarketPrices>> GetMarketPricesAsync(MarketId market, CancellationToken cancellationToken);

    /// <summary>
    /// Places an order under the platform's client order id. Idempotent: the same client order id placed again never
    /// makes a second order; it returns the first one's current state with <see cref="PlaceOrderResult.Duplicate"/> set.
    /// <see cref="OrderRequest.MarginMode"/> and <see cref="OrderRequest.Leverage"/> say how the venue account holds the position.
    /// </summary>
    Task<PlaceOrderResult> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken);

    /// <summary>Cancels an order by the venue's id; returns its final state, or why it cannot be cancelled.</summary>
    Task<Result<VenueOrder>> CancelOrderAsync(MarketId market, VenueOrderId orderId, CancellationToken cancellationToken);

    /// <summary>Cancels an order by the platform's client order id (when <see cref="VenueCapabilities.CancelByClientOrderId"/>).</summary>
    Task<Result<VenueOrder>> CancelOrderByClientIdAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken);

    /// <summary>Changes a resting limit order's price or size (when <see cref="VenueCapabilities.Modify"/>); see <see cref="ModifyOrderRequest"/> for queue priority.</summary>
    Task<Result<VenueOrder>> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken cancellationToken);

    /// <summary>The current state of an order by client order id; <see cref="VenueRejectCodes.UnknownOrder"/> when the venue never took it.</summary>
    Task<Result<VenueOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken);

    /// <summary>The account's orders that are still live (resting or pending trigger).</summary>
    Task<IReadOnlyList<VenueOrder>> GetOpenOrdersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes to the account's order updates, fills and funding payments. Delivery may drop or repeat fills
    /// (apply each by <see cref="VenueFill.FillId"/>); <see cref="GetFillsAsync"/> recovers what was missed.
    /// </summary>
    Task<IVenueSubscription<VenueEvent>> SubscribeEventsAsync(CancellationToken cancellationToken);

    /// <summary>The account's fills at or after <paramref name="since"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<VenueFill>> GetFillsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>The account's positions and balance.</summary>
    Task<VenueAccountState> GetAccountAsync(CancellationToken cancellationToken);

    /// <summary>Probes the venue: up, degraded or down, and the round-trip latency.</summary>
    Task<VenueHealth> GetHealthAsync(CancellationToken cancellationToken);
}
