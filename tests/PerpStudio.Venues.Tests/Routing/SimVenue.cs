using PerpStudio.Testing;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Venues.Tests.Routing;

/// <summary>
/// A simulated venue with a hand-built BTC-USD book: the market maker quotes nothing, and a maker account places the
/// resting orders a test needs. The operator's account is what the router trades through.
/// </summary>
internal sealed class SimVenue
{
    public static readonly MarketId Btc = new("BTC-USD");
    public static readonly MarketId Eth = new("ETH-USD");

    private static long _makerIds;

    private SimVenue(SimulatedExchange exchange, SimulatedVenue account, SimulatedVenue maker)
    {
        Exchange = exchange;
        Account = account;
        Maker = maker;
    }

    public SimulatedExchange Exchange { get; }

    /// <summary>The operator's account: what the router uses.</summary>
    public SimulatedVenue Account { get; }

    /// <summary>A separate account whose resting orders make the book.</summary>
    public SimulatedVenue Maker { get; }

    public VenueId Id => Exchange.Id;

    public static SimVenue Create(
        string name,
        ManualTimeProvider clock,
        decimal maker = 0.0001m,
        decimal taker = 0.0005m,
        decimal lot = 0.001m,
        decimal minNotional = 10m,
        MarketId? market = null,
        int seed = 11)
    {
        var id = market ?? Btc;
        var options = new SimulatedVenueOptions
        {
            VenueId = new VenueId(name),
            Seed = seed,
            Fees = new VenueFeeSchedule(Rate.Of(maker), Rate.Of(taker)),
            Markets =
            [
                new SimulatedMarketOptions(
                    new MarketSpec(id, id.Symbol[..3], Price.Of(1m), Quantity.Of(lot), Money.Of(minNotional), [new MarginTier(Money.Zero, 50)]),
                    id.Symbol[..3],
                    Price.Of(100_000m),
                    Quantity.Of(lot)) { QuoteLevels = 0 },
            ],
        };
        var exchange = new SimulatedExchange(options, clock);
        return new SimVenue(exchange, exchange.OpenAccount("operator-1", Money.Of(10_000_000m)), exchange.OpenAccount("maker", Money.Of(10_000_000m)));
    }

    public Task AskAsync(decimal price, decimal size) => RestAsync(Side.Sell, price, size);

    public Task BidAsync(decimal price, decimal size) => RestAsync(Side.Buy, price, size);

    public async Task<Quantity> PositionAsync() => (await Account.GetAccountAsync(CancellationToken.None)).PositionIn(Btc);

    public async Task<int> OrderCountAsync() => (await Account.GetFillsAsync(DateTimeOffset.MinValue, 10_000, CancellationToken.None)).Select(f => f.ClientOrderId).Distinct().Count();

    public async Task<bool> HoldsAsync(ClientOrderId legId) => (await Account.GetOrderAsync(legId, CancellationToken.None)).IsSuccess;

    private async Task RestAsync(Side side, decimal price, decimal size)
    {
        var request = new OrderRequest(new ClientOrderId($"mk-{Interlocked.Increment(ref _makerIds)}"), Btc, side, OrderType.Limit,
            Quantity.Of(size), Price.Of(price), TimeInForce.Gtc, ReduceOnly: false, MarginMode.Cross, Leverage: 1);
        var result = await Maker.PlaceOrderAsync(request, CancellationToken.None);
        result.IsAccepted.ShouldBeTrue(result.Error?.ToString());
        result.Order!.Status.ShouldBe(VenueOrderStatus.Open);
    }
}
