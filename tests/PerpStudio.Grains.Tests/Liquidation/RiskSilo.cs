using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Markets;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Funding;
using PerpStudio.Grains.Hosting;
using PerpStudio.Grains.Insurance;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Grains.Markets;
using PerpStudio.Grains.Orders;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Storage;
using PerpStudio.Testing;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Grains.Tests.Liquidation;

/// <summary>
/// A runtime with every PerpStudio grain (the real market, funding, registry and insurance grains), a real simulated
/// venue behind the account side's gateway and fill feed, and the liquidation engine and funding scheduler as a host
/// wires them. Markets are listed from the venue; prices come from the venue plus two reference sources the test moves.
/// </summary>
public sealed class RiskSilo : IAsyncDisposable
{
    /// <summary>BTC-USD at the simulated venue.</summary>
    public static readonly MarketId Btc = new("BTC-USD");

    /// <summary>ETH-USD at the simulated venue.</summary>
    public static readonly MarketId Eth = new("ETH-USD");

    /// <summary>The operator.</summary>
    public const string OperatorId = "op1";

    private readonly Dictionary<MarketId, MarketSpec> _specs = [];

    private RiskSilo(ServiceProvider services, ManualTimeProvider clock, SimulatedExchange exchange, IVenue venue, DirectVenueFillFeed feed)
    {
        Services = services;
        Clock = clock;
        Exchange = exchange;
        Venue = venue;
        Feed = feed;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Book = services.GetRequiredService<LiquidationBook>();
        Engine = services.GetRequiredService<LiquidationEngine>();
        Hub = services.GetRequiredService<IAccountEventHub>();
        Funding = new FundingScheduler(Runtime, clock, () => [Btc, Eth]);
    }

    /// <summary>The services.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The clock of runtime, venue, markets and funding.</summary>
    public ManualTimeProvider Clock { get; }

    /// <summary>The simulated exchange.</summary>
    public SimulatedExchange Exchange { get; }

    /// <summary>The operator's account at the venue.</summary>
    public IVenue Venue { get; }

    /// <summary>Fills from the venue to the accounts.</summary>
    public DirectVenueFillFeed Feed { get; }

    /// <summary>The runtime.</summary>
    public GrainRuntime Runtime { get; }

    /// <summary>The process's liquidation index.</summary>
    public LiquidationBook Book { get; }

    /// <summary>The liquidation sweeper.</summary>
    public LiquidationEngine Engine { get; }

    /// <summary>The hourly funding driver.</summary>
    public FundingScheduler Funding { get; }

    /// <summary>Account events.</summary>
    public IAccountEventHub Hub { get; }

    /// <summary>Starts a silo; <paramref name="redis"/> puts state in that Redis, <paramref name="flaky"/> in failing-on-demand memory.</summary>
    public static async Task<RiskSilo> StartAsync(
        string? redis = null,
        string redisPrefix = "risk-test",
        Action<LiquidationPolicy>? policy = null,
        int depthFactor = 1,
        Func<IServiceProvider, IGrainStorage>? storage = null,
        ManualTimeProvider? clock = null,
        int? seed = 11)
    {
        clock ??= new ManualTimeProvider();
        var exchange = new SimulatedExchange(SimulatedVenueOptions.Default(new VenueId("sim-a"), seed, depthFactor), clock);
        var venue = exchange.OpenAccount("operator-op1", Money.Of(1_000_000_000m));
        var gateway = new DirectVenueOrderGateway(venue);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IOrderGateway>(gateway);
        var builder = services.AddGrainRuntime(o => o.ResponseTimeout = TimeSpan.FromSeconds(20))
            .AddPerpStudioGrains()
            .AddPerpStudioRisk(liquidation: policy);
        if (redis is not null)
        {
            builder.AddRedisGrainStorage(GrainKeys.Storage, redis, redisPrefix);
        }
        else if (storage is not null)
        {
            services.AddKeyedSingleton(GrainKeys.Storage, (sp, _) => storage(sp));
        }
        else
        {
            builder.AddMemoryGrainStorage(GrainKeys.Storage);
        }

        var provider = services.BuildServiceProvider(validateScopes: true);
        var runtime = provider.GetRequiredService<GrainRuntime>();
        var feed = new DirectVenueFillFeed(gateway, runtime);
        await feed.StartAsync(CancellationToken.None);
        var silo = new RiskSilo(provider, clock, exchange, venue, feed);
        foreach (var market in await venue.GetMarketsAsync(CancellationToken.None))
        {
            silo._specs[market.Id] = market.Spec;
            var listed = await silo.MarketFeed(market.Id).ListAsync(new MarketListing(market.Spec, MarketPriceSettings.Default));
            listed.IsSuccess.ShouldBeTrue(listed.Error?.ToString());
        }

        await silo.PriceFromVenueAsync();
        return silo;
    }

    /// <summary>The operator grain.</summary>
    public IOperatorGrain Operator => Runtime.GetGrain<IOperatorGrain>(OperatorId);

    /// <summary>The operator's insurance fund.</summary>
    public IInsuranceFundLedgerGrain Fund => Runtime.GetGrain<IInsuranceFundLedgerGrain>(OperatorId);

    /// <summary>A trader's account.</summary>
    public IAccountGrain Account(string traderId) => Runtime.GetGrain<IAccountGrain>(GrainKeys.Account(OperatorId, traderId));

    /// <summary>A trader's isolated position.</summary>
    public IIsolatedPositionGrain Isolated(string traderId, MarketId market) => Runtime.GetGrain<IIsolatedPositionGrain>(GrainKeys.Isolated(OperatorId, traderId, market));

    /// <summary>A market as the accounts read it.</summary>
    public IMarketGrain Market(MarketId market) => Runtime.GetGrain<IMarketGrain>(market.Symbol);

    /// <summary>A market's price intake.</summary>
    public IMarketFeedGrain MarketFeed(MarketId market) => Runtime.GetGrain<IMarketFeedGrain>(market.Symbol);

    /// <summary>A market's funding.</summary>
    public IFundingGrain FundingOf(MarketId market) => Runtime.GetGrain<IFundingGrain>(market.Symbol);

    /// <summary>A market's spec.</summary>
    public MarketSpec Spec(MarketId market) => _specs[market];

    /// <summary>Offers both markets (BTC up to 40x, ETH 25x), both modes, no fee markup.</summary>
    public async Task<OperatorConfig> ConfigureAsync(Func<OperatorConfigChange, OperatorConfigChange>? tweak = null)
    {
        var current = await Operator.GetConfigAsync();
        var change = new OperatorConfigChange(
            current.Version,
            [new MarketOffering(Btc, 10, 40, ["sim-a"]), new MarketOffering(Eth, 5, 25, ["sim-a"])],
            true,
            true,
            OperatorFees.None,
            OperatorRisk.Default,
            true);
        var result = await Operator.ConfigureAsync(tweak is null ? change : tweak(change));
        result.IsSuccess.ShouldBeTrue(result.Error?.ToString());
        return result.Value;
    }

    /// <summary>Moves the venue's price and reports it from the venue and two agreeing reference sources, now.</summary>
    public async Task MoveAsync(MarketId market, Price price)
    {
        Exchange.SetReferencePrice(market, price);
        await PriceFromVenueAsync();
    }

    /// <summary>When set, the two reference sources report this hourly funding rate (the median then follows them).</summary>
    public Rate? ReferenceFundingRate { get; set; }

    /// <summary>Reports every market's venue prices from "sim-a", "ref-b" and "ref-c" at the current time.</summary>
    public async Task PriceFromVenueAsync()
    {
        foreach (var market in _specs.Keys)
        {
            var prices = (await Venue.GetMarketPricesAsync(market, CancellationToken.None)).Value;
            foreach (var source in new[] { "sim-a", "ref-b", "ref-c" })
            {
                var rate = source == "sim-a" ? prices.FundingRate : ReferenceFundingRate ?? prices.FundingRate;
                var reported = await MarketFeed(market).ReportPricesAsync(new PriceSourceReading(source, prices.Mark, prices.Oracle, rate, Clock.GetUtcNow()));
                reported.IsSuccess.ShouldBeTrue(reported.Error?.ToString());
            }
        }
    }

    /// <summary>Waits on the account's event stream until it has applied <paramref name="count"/> fills in all.</summary>
    public async Task<ImmutableArray<FillView>> FillsAsync(string traderId, int count)
    {
        var key = GrainKeys.Account(OperatorId, traderId);
        using var subscription = Hub.Subscribe(key, 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var fills = new List<FillView>();
        while (fills.Count < count)
        {
            if (await subscription.Reader.ReadAsync(timeout.Token) is FillApplied applied)
            {
                fills.Add(applied.Fill);
            }
        }

        return [.. fills];
    }

    /// <summary>
    /// Waits on the account's event stream (no timers) until its risk view satisfies <paramref name="done"/>; then waits
    /// for the account's current turn to end, so what the fill delivered elsewhere (bad-debt claims) has arrived too.
    /// </summary>
    public async Task<AccountRiskView> WaitForAsync(string traderId, Func<AccountRiskView, bool> done)
    {
        var account = Account(traderId);
        using var subscription = Hub.Subscribe(GrainKeys.Account(OperatorId, traderId), 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var view = await account.GetRiskViewAsync();
            if (done(view))
            {
                return view;
            }

            try
            {
                await subscription.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                var positions = string.Join(", ", view.Positions.Select(p => $"{p.Market} {p.Mode} {p.Size}"));
                var orders = string.Join(", ", (await account.GetOpenOrdersAsync()).Select(o => $"{o.Request.ClientOrderId} {o.Status} {o.FilledSize}"));
                throw new TimeoutException($"{traderId} never reached the expected state: positions [{positions}], open orders [{orders}], collateral {view.Summary.Collateral}");
            }
        }
    }

    /// <summary>The signed size of the trader's position in a market and mode (zero when none).</summary>
    public static Quantity SizeOf(AccountRiskView view, MarketId market, Domain.Orders.MarginMode mode) =>
        view.Positions.FirstOrDefault(p => p.Market == market && p.Mode == mode)?.Size ?? Quantity.Zero;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Funding.Dispose();
        await Feed.DisposeAsync();
        await Runtime.DeactivateAllAsync();
        await Services.DisposeAsync();
    }
}
