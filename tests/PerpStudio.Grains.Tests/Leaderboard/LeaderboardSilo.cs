using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Hosting;
using PerpStudio.Grains.Leaderboard;
using PerpStudio.Grains.Orders;
using PerpStudio.Grains.Tests.Support;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Testing;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Grains.Tests.Leaderboard;

/// <summary>The grains with the leaderboard on the hub, a real simulated venue, markets priced from it, memory storage.</summary>
public sealed class LeaderboardSilo : IAsyncDisposable
{
    public const string OperatorId = "op1";

    private LeaderboardSilo(ServiceProvider services, DirectVenueFillFeed fills)
    {
        Services = services;
        Fills = fills;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Hub = services.GetRequiredService<IAccountEventHub>();
        Feed = services.GetService<LeaderboardFeed>() ?? new LeaderboardFeed(Runtime, services.GetRequiredService<TimeProvider>());
    }

    public ServiceProvider Services { get; }

    public DirectVenueFillFeed Fills { get; }

    public GrainRuntime Runtime { get; }

    public IAccountEventHub Hub { get; }

    public LeaderboardFeed Feed { get; }

    public ManualTimeProvider Clock => (ManualTimeProvider)Services.GetRequiredService<TimeProvider>();

    public ILeaderboardGrain Board => Runtime.GetGrain<ILeaderboardGrain>(OperatorId);

    /// <summary>A silo; without <paramref name="feedFromHub"/> the feed hears nothing by itself (a test hands it events).</summary>
    public static async Task<LeaderboardSilo> StartAsync(bool feedFromHub = true)
    {
        var clock = new ManualTimeProvider();
        var exchange = new SimulatedExchange(SimulatedVenueOptions.Default(new VenueId("sim-a"), seed: 7), clock);
        var venue = exchange.OpenAccount("operator-op1", Money.Of(100_000_000m));
        var gateway = new DirectVenueOrderGateway(venue);
        var markets = new TestMarkets();
        foreach (var market in await venue.GetMarketsAsync(CancellationToken.None))
        {
            var prices = (await venue.GetMarketPricesAsync(market.Id, CancellationToken.None)).Value;
            markets.Set(new MarketSnapshot(market.Spec, prices.Mark, prices.Oracle, prices.FundingRate, clock.GetUtcNow(), false));
        }

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IOrderGateway>(gateway);
        services.AddSingleton(markets);
        services.AddSingleton(new TestInsurance());
        services.AddGrainRuntime(o => o.ResponseTimeout = TimeSpan.FromSeconds(20))
            .AddPerpStudioGrains()
            .AddLeaderboard(feedFromHub)
            .AddGrain<IMarketGrain, TestMarketGrain>()
            .AddGrain<IInsuranceFundGrain, TestInsuranceFundGrain>()
            .AddMemoryGrainStorage(GrainKeys.Storage);
        var provider = services.BuildServiceProvider(validateScopes: true);
        var fills = new DirectVenueFillFeed(gateway, provider.GetRequiredService<GrainRuntime>());
        await fills.StartAsync(CancellationToken.None);
        var silo = new LeaderboardSilo(provider, fills);
        var config = await silo.Runtime.GetGrain<IOperatorGrain>(OperatorId).GetConfigAsync();
        (await silo.Runtime.GetGrain<IOperatorGrain>(OperatorId).ConfigureAsync(new OperatorConfigChange(
            config.Version,
            [new MarketOffering(new MarketId("BTC-USD"), 10, 20, ["sim-a"])],
            true,
            true,
            new OperatorFees(Rate.Of(0.0002m), Rate.Of(0.0001m), Rate.Of(0.3m)),
            OperatorRisk.Default,
            true))).IsSuccess.ShouldBeTrue();
        return silo;
    }

    public IAccountGrain Account(string trader) => Runtime.GetGrain<IAccountGrain>(GrainKeys.Account(OperatorId, trader));

    /// <summary>Waits (on the hub, no timers) until the trader's account has applied <paramref name="count"/> fills.</summary>
    public async Task<List<FillView>> FillsAsync(string trader, int count)
    {
        using var subscription = Hub.Subscribe(GrainKeys.Account(OperatorId, trader), 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var fills = new List<FillView>();
        while (fills.Count < count)
        {
            if (await subscription.Reader.ReadAsync(timeout.Token) is FillApplied applied)
            {
                fills.Add(applied.Fill);
            }
        }

        return fills;
    }

    /// <summary>Waits until the feed has delivered everything queued.</summary>
    public Task DrainedAsync() => Feed.Idle.WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await Fills.DisposeAsync();
        await Feed.DisposeAsync();
        await Runtime.DeactivateAllAsync();
        await Services.DisposeAsync();
    }
}
