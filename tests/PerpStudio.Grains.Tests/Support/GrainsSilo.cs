using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Hosting;
using PerpStudio.Grains.Orders;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Storage;
using PerpStudio.Testing;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Grains.Tests.Support;

/// <summary>
/// A runtime with the PerpStudio grains on a manual clock, a real simulated venue behind a
/// <see cref="DirectVenueOrderGateway"/> and its fill feed, test markets priced at the venue's mark, and storage in
/// memory (optionally flaky) or in Redis.
/// </summary>
public sealed class GrainsSilo : IAsyncDisposable
{
    /// <summary>BTC-USD at the simulated venue.</summary>
    public static readonly MarketId Btc = new("BTC-USD");

    /// <summary>ETH-USD at the simulated venue.</summary>
    public static readonly MarketId Eth = new("ETH-USD");

    /// <summary>The operator every test uses.</summary>
    public const string OperatorId = "op1";

    private GrainsSilo(ServiceProvider services, ManualTimeProvider clock, SimulatedExchange exchange, DirectVenueFillFeed feed, FlakyStorage? flaky)
    {
        Services = services;
        Clock = clock;
        Exchange = exchange;
        Feed = feed;
        Flaky = flaky;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Markets = services.GetRequiredService<TestMarkets>();
        Hub = services.GetRequiredService<IAccountEventHub>();
        Insurance = services.GetRequiredService<TestInsurance>();
    }

    /// <summary>The services.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The clock of runtime, venue and markets.</summary>
    public ManualTimeProvider Clock { get; }

    /// <summary>The simulated venue.</summary>
    public SimulatedExchange Exchange { get; }

    /// <summary>The fill feed from the venue to the accounts.</summary>
    public DirectVenueFillFeed Feed { get; }

    /// <summary>The storage when built flaky.</summary>
    public FlakyStorage? Flaky { get; }

    /// <summary>The runtime.</summary>
    public GrainRuntime Runtime { get; }

    /// <summary>The markets the grains read.</summary>
    public TestMarkets Markets { get; }

    /// <summary>The account event hub.</summary>
    public IAccountEventHub Hub { get; }

    /// <summary>Bad-debt claims received.</summary>
    public TestInsurance Insurance { get; }

    /// <summary>Builds a silo; with <paramref name="redis"/> state goes to that Redis, with <paramref name="flaky"/> to failing-on-demand memory.</summary>
    public static async Task<GrainsSilo> StartAsync(string? redis = null, bool flaky = false, ManualTimeProvider? clock = null, SimulatedExchange? exchange = null)
    {
        clock ??= new ManualTimeProvider();
        exchange ??= new SimulatedExchange(SimulatedVenueOptions.Default(new VenueId("sim-a"), seed: 7), clock);
        var venue = exchange.OpenAccount("operator-op1", Money.Of(100_000_000m));
        var gateway = new DirectVenueOrderGateway(venue);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IOrderGateway>(gateway);
        services.AddSingleton(new TestMarkets());
        services.AddSingleton(new TestInsurance());
        var builder = services.AddGrainRuntime(o => o.ResponseTimeout = TimeSpan.FromSeconds(20))
            .AddPerpStudioGrains()
            .AddGrain<IMarketGrain, TestMarketGrain>()
            .AddGrain<IInsuranceFundGrain, TestInsuranceFundGrain>();
        FlakyStorage? flakyStorage = null;
        if (redis is not null)
        {
            builder.AddRedisGrainStorage(GrainKeys.Storage, redis, "grains-test");
        }
        else if (flaky)
        {
            services.AddKeyedSingleton<IGrainStorage>(GrainKeys.Storage, (sp, _) =>
                flakyStorage = new FlakyStorage(new MemoryGrainStorage(sp.GetRequiredService<GrainStateSerializer>())));
        }
        else
        {
            builder.AddMemoryGrainStorage(GrainKeys.Storage);
        }

        var provider = services.BuildServiceProvider(validateScopes: true);
        var runtime = provider.GetRequiredService<GrainRuntime>();
        var feed = new DirectVenueFillFeed(gateway, runtime);
        await feed.StartAsync(CancellationToken.None);
        if (flaky)
        {
            _ = provider.GetRequiredKeyedService<IGrainStorage>(GrainKeys.Storage);
        }

        var silo = new GrainsSilo(provider, clock, exchange, feed, flakyStorage);
        await silo.PriceMarketsFromVenueAsync(venue);
        return silo;
    }

    /// <summary>The operator grain.</summary>
    public IOperatorGrain Operator => Runtime.GetGrain<IOperatorGrain>(OperatorId);

    /// <summary>A trader's account grain.</summary>
    public IAccountGrain Account(string traderId) => Runtime.GetGrain<IAccountGrain>(GrainKeys.Account(OperatorId, traderId));

    /// <summary>A trader's isolated position grain.</summary>
    public IIsolatedPositionGrain Isolated(string traderId, MarketId market) => Runtime.GetGrain<IIsolatedPositionGrain>(GrainKeys.Isolated(OperatorId, traderId, market));

    /// <summary>The operator's fee collector.</summary>
    public IFeeCollectorGrain Fees => Runtime.GetGrain<IFeeCollectorGrain>(OperatorId);

    /// <summary>Offers both markets (BTC capped at 20x, ETH at 10x), both modes, a markup, with the given tweaks.</summary>
    public async Task<OperatorConfig> ConfigureAsync(Func<OperatorConfigChange, OperatorConfigChange>? tweak = null)
    {
        var current = await Operator.GetConfigAsync();
        var change = new OperatorConfigChange(
            current.Version,
            [new MarketOffering(Btc, 10, 20, ["sim-a"]), new MarketOffering(Eth, 5, 10, ["sim-a"])],
            true,
            true,
            new OperatorFees(Rate.Of(0.0002m), Rate.Of(0.0001m), Rate.Of(0.3m)),
            OperatorRisk.Default,
            true);
        var result = await Operator.ConfigureAsync(tweak is null ? change : tweak(change));
        return result.Value;
    }

    /// <summary>Sets a market's mark (and oracle) now.</summary>
    public void SetMark(MarketId market, Price mark, bool stale = false, TimeSpan age = default)
    {
        var current = Markets.Get(market);
        Markets.Set(current with { Mark = mark, Oracle = mark, MarkTime = Clock.GetUtcNow() - age, IsStale = stale });
    }

    /// <summary>Waits (on the account's event stream, no timers) until the account has applied <paramref name="count"/> fills.</summary>
    public async Task<ImmutableArray<FillView>> FillsAsync(string traderId, int count)
    {
        var key = GrainKeys.Account(OperatorId, traderId);
        using var subscription = Hub.Subscribe(key, 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var fills = new List<FillView>();
        while (fills.Count < count)
        {
            var e = await subscription.Reader.ReadAsync(timeout.Token);
            if (e is FillApplied applied)
            {
                fills.Add(applied.Fill);
            }
        }

        return [.. fills];
    }

    private async Task PriceMarketsFromVenueAsync(IVenue venue)
    {
        foreach (var market in await venue.GetMarketsAsync(CancellationToken.None))
        {
            var prices = (await venue.GetMarketPricesAsync(market.Id, CancellationToken.None)).Value;
            Markets.Set(new MarketSnapshot(market.Spec, prices.Mark, prices.Oracle, prices.FundingRate, Clock.GetUtcNow(), false));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Feed.DisposeAsync();
        await Runtime.DeactivateAllAsync();
        await Services.DisposeAsync();
    }
}
