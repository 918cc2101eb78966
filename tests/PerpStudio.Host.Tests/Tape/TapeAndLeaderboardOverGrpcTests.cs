using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Application;
using PerpStudio.Contracts.V1;
using PerpStudio.Grains.Leaderboard;
using PerpStudio.Grpc;
using PerpStudio.Grpc.Client;
using PerpStudio.Host.Tests.Trading;

namespace PerpStudio.Host.Tests.Tape;

/// <summary>The composed host: a trader's orders print on the tape, and its round trip reaches the leaderboard over gRPC.</summary>
public sealed class TapeAndLeaderboardOverGrpcTests : IAsyncLifetime
{
    private RunningPlatform _host = null!;

    // the venues hold still (no walk, no background takers): the only trades are the test's own
    public async Task InitializeAsync() => _host = await RunningPlatform.StartAsync(
        ("PerpStudio:Venues:Simulated:0:Name", "sim-a"),
        ("PerpStudio:Venues:Simulated:0:Seed", "5"),
        ("PerpStudio:Venues:Simulated:0:StepInterval", "01:00:00"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_round_trip_prints_its_trades_on_the_tape_and_ranks_the_trader_on_the_leaderboard()
    {
        var services = _host.Platform.App.Services;
        var admin = services.GetRequiredService<OperatorAdminService>();
        var demo = CallerContext.OperatorAdmin("demo", "host-tests");
        var profile = (await admin.GetOperatorAsync(demo)).Profile;
        using var client = _host.DemoClient();
        using var grpc = GrpcClient.ForAddress(_host.Platform.GrpcAddress);
        var key = new Metadata().Add("x-api-key", RunningPlatform.DemoApiKey);
        Task<GetLeaderboardReply> BoardAsync(string window) => grpc.UnaryAsync<GetLeaderboardRequest, GetLeaderboardReply>(
            "/perpstudio.v1.MarketDataService/GetLeaderboard", new GetLeaderboardRequest { Window = window, RankBy = "volume" }, key, DateTimeOffset.UtcNow.AddSeconds(30));

        // the demo seed shows it; switched off, the method is not found
        profile.Features.Leaderboard.ShouldBeTrue();
        await admin.SetFeaturesAsync(demo, profile.Features with { Leaderboard = false }, demoDeposits: true);
        (await Should.ThrowAsync<RpcException>(() => BoardAsync("24h"))).StatusCode.ShouldBe(StatusCode.NotFound);
        await admin.SetFeaturesAsync(demo, profile.Features with { Leaderboard = true }, demoDeposits: true);

        await using var events = await AccountEvents.SubscribeAsync(client);
        (await client.PlaceOrderAsync(new PlaceOrderRequest
        {
            ClientOrderId = "lb-open", Market = "BTC-USD", Side = Side.Buy, Type = OrderType.Market, Size = "0.01", MarginMode = MarginMode.Cross, Leverage = 5,
        })).Order.Status.ShouldNotBe(OrderStatus.Rejected);
        var open = (await events.WaitForAsync(e => e.Fill?.ClientOrderId == "lb-open")).Fill;
        await client.ClosePositionAsync(new ClosePositionRequest { Market = "BTC-USD", ClientOrderId = "lb-close" });
        var close = (await events.WaitForAsync(e => e.Fill?.ClientOrderId == "lb-close")).Fill;

        // the tape has both takers' trades at the fills' prices, from the venue that filled them
        var trades = (await client.ListTradesAsync(new ListTradesRequest { Market = "BTC-USD", Limit = 10 })).Trades;
        trades.Take(2).Select(t => (t.Price, t.Size, t.TakerSide, t.Venue)).ShouldBe(
        [
            (close.Price, close.Size, Side.Sell, "sim-a"),
            (open.Price, open.Size, Side.Buy, "sim-a"),
        ]);

        await services.GetRequiredService<LeaderboardFeed>().Idle.WaitAsync(TimeSpan.FromSeconds(30));
        var board = await BoardAsync("all");
        var mine = board.Entries.ShouldHaveSingleItem();
        mine.Rank.ShouldBe(1u);
        mine.Fills.ShouldBe(2ul);
        mine.RealizedPnl.ShouldBe(close.RealizedPnl);
        board.RankBy.ShouldBe("volume");
        board.Traders.ShouldBe(1u);
    }
}
