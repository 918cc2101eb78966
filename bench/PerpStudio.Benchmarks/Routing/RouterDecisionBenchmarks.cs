using BenchmarkDotNet.Attributes;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Health;
using PerpStudio.Venues.Routing.Pricing;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Benchmarks.Routing;

/// <summary>
/// Router decision time over three venues whose books have 50 levels a side, all in memory: the pure choice
/// (<see cref="BestExecution.Select"/> on snapshots) and a whole <see cref="OrderRouter.PlanAsync"/> (capabilities,
/// breakers, market cache, three book reads from simulated venues, leg ids).
/// </summary>
[MemoryDiagnoser]
public class RouterDecisionBenchmarks
{
    private static readonly MarketId Btc = new("BTC-USD");
    private readonly List<SimulatedExchange> _exchanges = [];
    private VenueCandidate[] _candidates = [];
    private OrderRouter _router = null!;
    private OrderRouter _fetchingRouter = null!;
    private RoutingPolicy _policy = null!;
    private OrderRequest _splitOrder = null!;

    /// <summary>Three venues with 50-level ladders of different depth, spread and fees.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var accounts = new VenueAccounts();
        var fees = new[] { (0.0001m, 0.0005m), (0.0002m, 0.0003m), (0m, 0.0007m) };
        for (var i = 0; i < 3; i++)
        {
            var options = SimulatedVenueOptions.Default(new VenueId($"bench-{i}"), seed: 100 + i, depthFactor: i + 1, halfSpreadTicks: i + 1) with
            {
                Fees = new VenueFeeSchedule(Rate.Of(fees[i].Item1), Rate.Of(fees[i].Item2)),
            };
            options = options with { Markets = [.. options.Markets.Select(m => m with { QuoteLevels = 50 })] };
            var exchange = new SimulatedExchange(options);
            _exchanges.Add(exchange);
            accounts.Add("op", exchange.OpenAccount("op", Money.Of(1_000_000m)));
        }

        _router = new OrderRouter(accounts, new InMemoryRoutedOrderDirectory(), new VenueCircuits());
        _fetchingRouter = new OrderRouter(accounts, new InMemoryRoutedOrderDirectory(), new VenueCircuits(), null, null,
            new BookCache(new BookCacheOptions { Enabled = false }));
        _policy = new RoutingPolicy(Btc, [.. _exchanges.Select(e => e.Id)]);

        // 3 BTC against 0.05 / 0.10 / 0.15 a level: the walk crosses a dozen levels and splits across all three
        _splitOrder = new OrderRequest(new ClientOrderId("bench"), Btc, Side.Buy, OrderType.Market, Quantity.Of(3m), null, TimeInForce.Ioc, false, MarginMode.Cross, 5);
        _candidates = [.. _exchanges.Select(e =>
        {
            var venue = e.OpenAccount("op", Money.Zero);
            var spec = e.Options.Markets[0].Spec;
            var book = venue.GetOrderBookAsync(Btc, 50, CancellationToken.None).GetAwaiter().GetResult().Value;
            return new VenueCandidate(e.Id, e.Capabilities.Fees, spec, book);
        })];
    }

    /// <summary>Ends the routers' book feeds and disposes the venues.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _router.DisposeAsync();
        await _fetchingRouter.DisposeAsync();
        foreach (var exchange in _exchanges)
        {
            exchange.Dispose();
        }
    }

    /// <summary>The pure choice over three 50-level books: walk, split, fees, min notional, explanation.</summary>
    [Benchmark(Baseline = true)]
    public RouteSelection SelectOverSnapshots() => BestExecution.Select(_splitOrder, _candidates, allowSplit: true);

    /// <summary>A whole plan: three book reads from in-memory simulated venues plus the choice and leg ids.</summary>
    /// <summary>A plan with books from the cache (kept fresh by the venues' book feeds): the router's default.</summary>
    [Benchmark]
    public Task<RoutePlan> PlanOverSimulatedVenues() =>
        _router.PlanAsync(new RouteRequest(new OrderOwner("op", "t"), _splitOrder, _policy), CancellationToken.None);

    /// <summary>The same plan fetching the three books every time (the cache off), as every plan did before the cache.</summary>
    [Benchmark]
    public Task<RoutePlan> PlanFetchingEveryBook() =>
        _fetchingRouter.PlanAsync(new RouteRequest(new OrderOwner("op", "t"), _splitOrder, _policy), CancellationToken.None);
}
