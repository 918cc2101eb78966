using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.MarketData;
using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Leaderboard;

namespace PerpStudio.Api.Tests;

/// <summary>What the host prints on the market tape, as the API serves it.</summary>
public sealed class MarketTapeTests(ApiServer server) : IClassFixture<ApiServer>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MarketId Eth = new("ETH-USD");

    [Fact]
    public async Task Trades_on_the_tape_are_listed_newest_first_and_make_the_candles()
    {
        var admin = ApiServer.Key(await server.CreateOperatorAsync("tape"));
        var tape = server.Services.GetRequiredService<MarketTape>();
        tape.RecordTrade(new MarketTrade(Eth, Price.Parse("3000.1"), Quantity.Parse("0.5"), Domain.Primitives.Side.Buy, T0.AddSeconds(5), "sim"));
        tape.RecordTrade(new MarketTrade(Eth, Price.Parse("2999.5"), Quantity.Parse("1.25"), Domain.Primitives.Side.Sell, T0.AddSeconds(30), "sim"));
        tape.RecordTrade(new MarketTrade(Eth, Price.Parse("3001"), Quantity.Parse("0.1"), Domain.Primitives.Side.Buy, T0.AddMinutes(1).AddSeconds(2), "hyperliquid"));

        var trades = (await server.CallAsync<ListTradesRequest, ListTradesReply>("MarketDataService", "ListTrades",
            new ListTradesRequest { Market = "ETH-USD", Limit = 10 }, admin)).Trades;
        var candles = (await server.CallAsync<GetCandlesRequest, GetCandlesReply>("MarketDataService", "GetCandles", new GetCandlesRequest
        {
            Market = "ETH-USD", Interval = "1m", StartUnixMs = T0.ToUnixTimeMilliseconds(), EndUnixMs = T0.AddMinutes(5).ToUnixTimeMilliseconds(),
        }, admin)).Candles;

        trades.Select(t => (t.Price, t.Size, t.TakerSide, t.Venue)).ShouldBe(
        [
            ("3001", "0.1", Contracts.V1.Side.Buy, "hyperliquid"),
            ("2999.5", "1.25", Contracts.V1.Side.Sell, "sim"),
            ("3000.1", "0.5", Contracts.V1.Side.Buy, "sim"),
        ]);
        candles.Count.ShouldBe(2);
        candles[0].ShouldBe(new Candle
        {
            OpenTimeUnixMs = T0.ToUnixTimeMilliseconds(), Open = "3000.1", High = "3000.1", Low = "2999.5", Close = "2999.5", Volume = "1.75", Trades = 2,
        });
        candles[1].OpenTimeUnixMs.ShouldBe(T0.AddMinutes(1).ToUnixTimeMilliseconds());
        candles[1].Trades.ShouldBe(1u);
    }

    [Fact]
    public async Task Funding_settlements_on_the_tape_are_the_funding_history()
    {
        var admin = ApiServer.Key(await server.CreateOperatorAsync("tape-funding"));
        var tape = server.Services.GetRequiredService<MarketTape>();
        tape.RecordFunding(new FundingObservation(new MarketId("BTC-USD"), Rate.Parse("0.0000125"), Price.Parse("100000"), T0));
        tape.RecordFunding(new FundingObservation(new MarketId("BTC-USD"), Rate.Parse("-0.00002"), Price.Parse("100500"), T0.AddHours(1)));

        var points = (await server.CallAsync<GetFundingHistoryRequest, GetFundingHistoryReply>("MarketDataService", "GetFundingHistory", new GetFundingHistoryRequest
        {
            Market = "BTC-USD", StartUnixMs = T0.ToUnixTimeMilliseconds(), EndUnixMs = T0.AddHours(2).ToUnixTimeMilliseconds(),
        }, admin)).Points;

        points.Select(p => (p.Rate, p.OraclePrice, p.TimeUnixMs)).ShouldBe(
        [
            ("0.0000125", "100000", T0.ToUnixTimeMilliseconds()),
            ("-0.00002", "100500", T0.AddHours(1).ToUnixTimeMilliseconds()),
        ]);
    }

    [Fact]
    public async Task The_leaderboard_of_an_operator_that_does_not_show_one_is_not_found()
    {
        await server.CreateOperatorAsync("no-board");
        var marketData = server.Services.GetRequiredService<MarketDataService>();

        var refusal = await Should.ThrowAsync<ApiException>(() =>
            marketData.GetLeaderboardAsync(CallerContext.OperatorAdmin("no-board", "tests"), LeaderboardWindow.Day, LeaderboardRanking.RealizedPnl, 10));

        refusal.Error.Kind.ShouldBe(ApiErrorKind.NotFound);
        refusal.Error.Code.ShouldBe("leaderboard_off");
    }

    [Fact]
    public async Task GetLeaderboard_is_not_found_where_the_operator_does_not_show_one_and_refuses_an_unknown_window_on_its_field()
    {
        var admin = ApiServer.Key(await server.CreateOperatorAsync("no-board-rpc"));

        var off = await Should.ThrowAsync<PerpStudio.Grpc.RpcException>(() => server.CallAsync<GetLeaderboardRequest, GetLeaderboardReply>(
            "MarketDataService", "GetLeaderboard", new GetLeaderboardRequest(), admin));
        var window = await Should.ThrowAsync<PerpStudio.Grpc.RpcException>(() => server.CallAsync<GetLeaderboardRequest, GetLeaderboardReply>(
            "MarketDataService", "GetLeaderboard", new GetLeaderboardRequest { Window = "1y" }, admin));

        off.StatusCode.ShouldBe(PerpStudio.Grpc.StatusCode.NotFound);
        off.Trailers.GetValue("perpstudio-error-code").ShouldBe("leaderboard_off");
        window.StatusCode.ShouldBe(PerpStudio.Grpc.StatusCode.InvalidArgument);
        window.Trailers.GetValue("perpstudio-error-code").ShouldBe("window_invalid");
    }

    [Fact]
    public async Task A_leaderboard_window_outside_the_three_offered_is_refused_on_its_field()
    {
        var marketData = server.Services.GetRequiredService<MarketDataService>();

        var refusal = await Should.ThrowAsync<ApiException>(() =>
            marketData.GetLeaderboardAsync(CallerContext.OperatorAdmin("no-board", "tests"), (LeaderboardWindow)9, LeaderboardRanking.RealizedPnl, 10));

        refusal.Error.Field.ShouldBe("window");
        refusal.Error.Code.ShouldBe("window_invalid");
    }
}
