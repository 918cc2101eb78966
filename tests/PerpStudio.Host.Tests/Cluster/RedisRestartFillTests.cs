using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;
using PerpStudio.Domain.Markets;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Venues;
using PerpStudio.Testing;
using PerpStudio.Testing.Redis;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// A host over a real redis-server, trading at a simulated venue that outlives the host (as an external venue outlives
/// a pod): the host crashes while an order rests, and the venue fills it while a successor runs.
/// </summary>
public sealed class RedisRestartFillTests : IAsyncLifetime
{
    private static readonly VenueId Venue = new("sim-a");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly VenueFleet _fleet = new(
        [new SimulatedVenueSettings { Name = "sim-a", Seed = 5, StepInterval = TimeSpan.FromHours(1) }], TimeProvider.System);

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task With_Redis_a_late_fill_of_an_order_placed_before_a_crash_lands_on_its_account_exactly_once()
    {
        const string orderId = "late-fill-1";
        var placing = await StartHostAsync();
        decimal collateralBefore;
        using (var client = Client(placing))
        {
            var placed = await client.PlaceOrderAsync(new PlaceOrderRequest
            {
                ClientOrderId = orderId,
                Market = "BTC-USD",
                Side = Side.Buy,
                Type = OrderType.Limit,
                Size = "0.01",
                LimitPrice = "99000",
                TimeInForce = TimeInForce.Gtc,
                MarginMode = MarginMode.Cross,
                Leverage = 5,
            });
            placed.Order.Status.ShouldBe(OrderStatus.Open, placed.Order.ToString());
            collateralBefore = Dec((await client.GetAccountSummaryAsync(new GetAccountSummaryRequest())).Collateral);
        }

        // the process goes away without stopping: its fill feed ends, its memory (leg ids, order ids) is gone
        await placing.DisposeAsync();

        var successor = await StartHostAsync();
        try
        {
            await successor.Links.FeedOf("demo")!.WhenSubscribedAsync(Venue, 1, CancellationToken.None).WaitAsync(Patience);

            // the market falls through the bid: the venue's market maker fills the resting order
            _fleet.Exchanges.Single().SetReferencePrice(new MarketId("BTC-USD"), PerpStudio.Domain.Primitives.Price.Of(98_000m));
            await successor.App.Services.GetRequiredService<InMemoryFillBook>().WhenAppliedAsync(1, CancellationToken.None).WaitAsync(Patience);

            using var client = Client(successor);
            var fills = (await client.ListFillsAsync(new ListFillsRequest())).Fills;
            fills.Select(f => f.ClientOrderId).ShouldBe([orderId]);
            var position = (await client.ListPositionsAsync(new ListPositionsRequest())).Positions.ShouldHaveSingleItem();
            position.Market.ShouldBe("BTC-USD");
            Dec(position.Size).ShouldBe(0.01m);
            (await client.ListOpenOrdersAsync(new ListOpenOrdersRequest())).Orders.ShouldBeEmpty();
            Dec((await client.GetAccountSummaryAsync(new GetAccountSummaryRequest())).Collateral).ShouldBeLessThan(collateralBefore, "the fee is charged");
        }
        finally
        {
            await successor.DisposeAsync();
        }

        // a third process recovers the venue's history from the durable checkpoint: the fill comes again, and changes nothing
        var third = await StartHostAsync();
        try
        {
            await third.Links.FeedOf("demo")!.WhenSubscribedAsync(Venue, 1, CancellationToken.None).WaitAsync(Patience);
            var replayed = third.App.Services.GetRequiredService<InMemoryFillBook>();
            await replayed.WhenAppliedAsync(1, CancellationToken.None).WaitAsync(Patience);

            using var client = Client(third);
            (await client.ListFillsAsync(new ListFillsRequest())).Fills.Select(f => f.ClientOrderId).ShouldBe([orderId]);
            Dec((await client.ListPositionsAsync(new ListPositionsRequest())).Positions.ShouldHaveSingleItem().Size).ShouldBe(0.01m);
        }
        finally
        {
            await third.DisposeAsync();
        }
    }

    private async Task<PlatformApp> StartHostAsync()
    {
        string[] args =
        [
            Arg("PerpStudio:Grpc:Port", Text(FreeTcpPort.Next())),
            Arg("PerpStudio:Web:Port", Text(FreeTcpPort.Next())),
            Arg("PerpStudio:Demo:ApiKey", RunningPlatform.DemoApiKey),
            Arg("PerpStudio:Storage:Redis", _redis.ConnectionString),
            Arg("PerpStudio:Venues:Simulated:0:Name", "sim-a"),
            Arg("Logging:LogLevel:Default", "Warning"),
        ];
        var platform = await PerpStudioHost.BuildAsync(args, b => b.Services.AddSingleton(_fleet));
        await platform.App.StartAsync();
        return platform;
    }

    private static PerpStudioClient Client(PlatformApp platform) =>
        new(platform.GrpcAddress, PerpStudioCredentials.ApiKey(RunningPlatform.DemoApiKey));

    private static string Arg(string key, string value) => $"--{key}={value}";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
