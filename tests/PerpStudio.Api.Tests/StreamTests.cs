using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

public sealed class StreamTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public StreamTests(ApiServer server) => _server = server;

    [Fact]
    public async Task Account_events_start_with_a_snapshot_then_follow_live_changes_and_heartbeat_when_idle()
    {
        await _server.CreateOperatorAsync("streams");
        var session = ApiServer.Session(await _server.SignInAsync("streams", PrivateKey.Generate()));
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "1000", DepositId = "d1" }, session);
        var placed = await _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "resting", Market = "BTC-USD", Side = Side.Buy, Type = OrderType.Limit, Size = "0.01", LimitPrice = "90000",
            TimeInForce = TimeInForce.Gtc, MarginMode = MarginMode.Cross, Leverage = 10,
        }, session);
        placed.Order.Status.ShouldBe(OrderStatus.Open, placed.Order.RejectReason);
        (await _server.CallAsync<ListOpenOrdersRequest, ListOpenOrdersReply>("AccountService", "ListOpenOrders", new ListOpenOrdersRequest(), session)).Orders.Count.ShouldBe(1);

        // the stream gets a connection of its own: on the connection that had just carried the ListOpenOrders call above,
        // the stream's second message did not arrive (reproducible; a transport issue reported to PerpStudio.Grpc)
        using var own = PerpStudio.Grpc.Client.GrpcClient.ForAddress(_server.Address);
        await using var events = new StreamCollector<AccountEvent>(token => own.ServerStreaming<SubscribeAccountEventsRequest, AccountEvent>(
            "/perpstudio.v1.StreamService/SubscribeAccountEvents", new SubscribeAccountEventsRequest(), session, null, token));
        var margin = await events.NextAsync("snapshot margin");
        margin.EventCase.ShouldBe(AccountEvent.EventOneofCase.Margin, margin.ToString());
        var order = await events.NextAsync("snapshot order");
        order.Order.ClientOrderId.ShouldBe("resting");
        var snapshotSequence = order.Sequence;

        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "5", DepositId = "d2" }, session);
        var live = await events.NextAsync("live deposit");
        live.Sequence.ShouldBeGreaterThan(snapshotSequence);
        live.Margin.Equity.ShouldBe("1005");

        // idle: the next message is a heartbeat once the clock passes the heartbeat interval
        await TimerDueAsync(TimeSpan.FromSeconds(15));
        _server.Time.Advance(TimeSpan.FromSeconds(15));
        (await events.NextAsync("heartbeat")).Heartbeat.ShouldBeTrue();
    }

    [Fact]
    public async Task A_resumed_stream_gets_the_events_it_missed_and_no_snapshot()
    {
        await _server.CreateOperatorAsync("resume");
        var session = ApiServer.Session(await _server.SignInAsync("resume", PrivateKey.Generate()));
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "100", DepositId = "d1" }, session);
        ulong seen;
        await using (var events = new StreamCollector<AccountEvent>(token => Stream(session, 0, token)))
        {
            seen = (await events.NextAsync("first event")).Sequence;
        }

        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "1", DepositId = "d2" }, session);
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "2", DepositId = "d3" }, session);
        await using var resumed = new StreamCollector<AccountEvent>(token => Stream(session, seen, token));
        (await resumed.NextAsync("missed event 1")).Sequence.ShouldBe(seen + 1);
        (await resumed.NextAsync("missed event 2")).Sequence.ShouldBe(seen + 2);
    }

    [Fact]
    public async Task Market_data_streams_send_a_snapshot_first_and_end_when_the_client_cancels()
    {
        var key = ApiServer.Key(await _server.CreateOperatorAsync("md"));
        using var stop = new CancellationTokenSource();
        await using (var books = _server.Client.ServerStreaming<GetOrderBookRequest, OrderBook>("/perpstudio.v1.MarketDataService/SubscribeOrderBook",
            new GetOrderBookRequest { Market = "BTC-USD", Depth = 3 }, key, null, stop.Token).GetAsyncEnumerator(stop.Token))
        {
            (await books.MoveNextAsync()).ShouldBeTrue();
            books.Current.Bids.Count.ShouldBe(3);
            books.Current.Asks.Count.ShouldBe(3);
            await stop.CancelAsync();
            await Should.ThrowAsync<Exception>(async () => await books.MoveNextAsync());
        }

        using var stopMarks = new CancellationTokenSource();
        await using var marks = _server.Client.ServerStreaming<GetMarksRequest, Mark>("/perpstudio.v1.MarketDataService/SubscribeMarks",
            new GetMarksRequest(), key, null, stopMarks.Token).GetAsyncEnumerator(stopMarks.Token);
        (await marks.MoveNextAsync()).ShouldBeTrue();
        marks.Current.MarkPrice.ShouldNotBeEmpty();
        await stopMarks.CancelAsync();

        // the server is still serving after the cancels
        var listed = await _server.CallAsync<ListMarketsRequest, ListMarketsReply>("MarketDataService", "ListMarkets", new ListMarketsRequest(), key);
        listed.Markets.Select(m => m.Market_).ShouldBe(["BTC-USD", "ETH-USD"]);
        listed.Markets[0].MaxLeverage.ShouldBe(20u);
    }

    private IAsyncEnumerable<AccountEvent> Stream(Metadata session, ulong after, CancellationToken token) =>
        _server.Client.ServerStreaming<SubscribeAccountEventsRequest, AccountEvent>("/perpstudio.v1.StreamService/SubscribeAccountEvents",
            new SubscribeAccountEventsRequest { AfterSequence = after }, session, null, token);

    private async Task TimerDueAsync(TimeSpan after)
    {
        // the stream registers its heartbeat timer on the manual clock; wait for that registration, not for time
        var due = _server.Time.GetUtcNow() + after;
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!_server.Time.HasTimerDueAt(due))
        {
            cap.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
