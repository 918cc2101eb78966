using PerpStudio.Testing;
using System.Threading.Channels;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Tests.Fake;
using PerpStudio.Venues.Hyperliquid.WebSocket;

namespace PerpStudio.Venues.Hyperliquid.Tests.WebSocket;

public sealed class WebSocketClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_quiet_connection_sends_a_ping_each_heartbeat_and_reads_the_pong()
    {
        await using var server = await FakeHyperliquidServer.StartAsync();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var messages = Channel.CreateUnbounded<WsMessage>();
        await using var client = new HyperliquidWebSocketClient(HyperliquidUrls.WebSocketFor(server.BaseUri), clock, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30))
        {
            OnMessage = m => messages.Writer.WriteAsync(m),
        };
        await client.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(Patience);

        clock.Advance(TimeSpan.FromSeconds(30));

        (await messages.Reader.ReadAsync(timeout.Token)).ShouldBeOfType<WsPong>();
    }

    [Fact]
    public async Task Subscriptions_are_confirmed_and_renewed_after_the_server_drops_the_connection()
    {
        await using var server = await FakeHyperliquidServer.StartAsync();
        server.Exchange.AddAsset("BTC", 5, 40, Domain.Primitives.Price.Of(30000m));
        var books = Channel.CreateUnbounded<WsBook>();
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new HyperliquidWebSocketClient(HyperliquidUrls.WebSocketFor(server.BaseUri), TimeProvider.System, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1))
        {
            OnMessage = m => m is WsBook b ? books.Writer.WriteAsync(b) : ValueTask.CompletedTask,
            OnReconnected = () =>
            {
                reconnected.TrySetResult();
                return ValueTask.CompletedTask;
            },
        };
        using var timeout = new CancellationTokenSource(Patience);
        await client.StartAsync(timeout.Token);
        await client.SubscribeAsync(WsProtocol.CoinSubscription("l2Book", "BTC"), timeout.Token);
        (await books.Reader.ReadAsync(timeout.Token)).Book.Coin.ShouldBe("BTC");

        server.DropSockets();
        await reconnected.Task.WaitAsync(timeout.Token);

        (await books.Reader.ReadAsync(timeout.Token)).Book.Coin.ShouldBe("BTC");
        client.Connections.ShouldBe(2);
    }

    [Fact]
    public void Channel_messages_parse_into_typed_messages()
    {
        WsProtocol.Parse("""{"channel":"pong"}""").ShouldBeOfType<WsPong>();
        var fills = WsProtocol.Parse("""
            {"channel":"userFills","data":{"isSnapshot":true,"user":"0x01","fills":[{"coin":"BTC","px":"30010","sz":"0.001","side":"B","time":1,"startPosition":"0","dir":"Open Long","closedPnl":"0.0","hash":"0xab","oid":7,"crossed":true,"fee":"0.013504","tid":99,"cloid":"0x000102030405060708090a0b0c0d0e0f"}]}}
            """).ShouldBeOfType<WsFills>();
        fills.IsSnapshot.ShouldBeTrue();
        fills.Fills.Single().FillId.ShouldBe("99");
        var updates = WsProtocol.Parse("""
            {"channel":"orderUpdates","data":[{"order":{"coin":"BTC","side":"A","limitPx":"30000","sz":"0","oid":7,"timestamp":1,"origSz":"0.5"},"status":"filled","statusTimestamp":2}]}
            """).ShouldBeOfType<WsOrderUpdates>();
        updates.Updates.Single().Status.ShouldBe("filled");
        WsProtocol.Parse("""{"channel":"somethingNew","data":{}}""").ShouldBeOfType<WsOther>();
    }
}
