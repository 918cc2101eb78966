using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerpStudio.Ethereum;
using PerpStudio.Testing;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Tests.Fake;

/// <summary>
/// A local Hyperliquid on 127.0.0.1: POST /info, POST /exchange (signature and nonce checked) and a websocket /ws
/// with subscriptions, ping/pong and pushes of orderUpdates, userFills and l2Book. Tests can drop every socket and
/// refuse new ones to simulate an outage.
/// </summary>
public sealed class FakeHyperliquidServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Session, byte> _sessions = new();

    private FakeHyperliquidServer(WebApplication app, FakeExchange exchange, Uri baseUri)
    {
        _app = app;
        Exchange = exchange;
        BaseUri = baseUri;
        exchange.Publish = Publish;
        exchange.PublishTrades = PublishTrades;
    }

    /// <summary>The venue state.</summary>
    public FakeExchange Exchange { get; }

    /// <summary>The REST base, http://127.0.0.1:port.</summary>
    public Uri BaseUri { get; }

    /// <summary>While true, websocket upgrades are refused (an outage).</summary>
    public bool RefuseSockets { get; set; }

    /// <summary>How many websocket connections were accepted so far.</summary>
    public int SocketsAccepted => Volatile.Read(ref _socketsAccepted);

    private int _socketsAccepted;

    /// <summary>Starts a fake on a free port.</summary>
    public static async Task<FakeHyperliquidServer> StartAsync(TimeProvider? time = null, HyperliquidNetwork network = HyperliquidNetwork.Testnet)
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var exchange = new FakeExchange(time ?? TimeProvider.System, network);
        var server = new FakeHyperliquidServer(app, exchange, new Uri($"http://127.0.0.1:{port}"));
        app.UseWebSockets();
        app.MapPost("/info", async (HttpContext context) => await AnswerAsync(context, exchange.HandleInfo));
        app.MapPost("/exchange", async (HttpContext context) =>
        {
            await AnswerAsync(context, exchange.HandleExchange);
            server.PushBooks();
        });
        app.Map("/ws", server.AcceptSocketAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Closes every websocket at once, as a network failure would.</summary>
    public void DropSockets()
    {
        foreach (var session in _sessions.Keys)
        {
            session.Socket.Abort();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        DropSockets();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task AnswerAsync(HttpContext context, Func<string, string> handle)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        string answer;
        try
        {
            answer = handle(body);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            context.Response.StatusCode = 422;
            answer = $"Failed to deserialize the JSON body: {e.Message}";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || RefuseSockets)
        {
            context.Response.StatusCode = 503;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _socketsAccepted);
        var session = new Session(socket);
        _sessions.TryAdd(session, 0);
        try
        {
            var buffer = new byte[16 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await HandleAsync(session, JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!.AsObject());
            }
        }
        catch (WebSocketException)
        {
            // dropped by a test or by the client
        }
        finally
        {
            _sessions.TryRemove(session, out _);
        }
    }

    private async Task HandleAsync(Session session, JsonObject request)
    {
        var method = request["method"]?.GetValue<string>();
        if (method == "ping")
        {
            await session.SendAsync(new JsonObject { ["channel"] = "pong" });
            return;
        }

        var subscription = request["subscription"]!.AsObject();
        var key = KeyOf(subscription);
        if (method == "unsubscribe")
        {
            session.Subscriptions.TryRemove(key, out _);
            return;
        }

        session.Subscriptions[key] = 0;
        await session.SendAsync(new JsonObject
        {
            ["channel"] = "subscriptionResponse",
            ["data"] = new JsonObject { ["method"] = "subscribe", ["subscription"] = subscription.DeepClone() },
        });
        var type = subscription["type"]!.GetValue<string>();
        if (type == "userFills")
        {
            var user = EthereumAddress.Parse(subscription["user"]!.GetValue<string>());
            await session.SendAsync(Message("userFills", new JsonObject { ["isSnapshot"] = true, ["user"] = user.ToLowerHex(), ["fills"] = Exchange.FillsOf(user) }));
        }
        else if (type == "l2Book")
        {
            await session.SendAsync(Message("l2Book", Exchange.BookOf(subscription["coin"]!.GetValue<string>())));
        }
    }

    private void Publish(EthereumAddress user, string channel, JsonNode data)
    {
        var key = $"{channel}||{user.ToLowerHex()}";
        foreach (var session in _sessions.Keys)
        {
            if (session.Subscriptions.ContainsKey(key))
            {
                session.SendAsync(Message(channel, data.DeepClone())).GetAwaiter().GetResult();
            }
        }
    }

    private void PublishTrades(string coin, JsonNode data)
    {
        var key = $"trades|{coin}|";
        foreach (var session in _sessions.Keys)
        {
            if (session.Subscriptions.ContainsKey(key))
            {
                session.SendAsync(Message("trades", data.DeepClone())).GetAwaiter().GetResult();
            }
        }
    }

    private void PushBooks()
    {
        foreach (var session in _sessions.Keys)
        {
            foreach (var key in session.Subscriptions.Keys.Where(k => k.StartsWith("l2Book|", StringComparison.Ordinal)))
            {
                session.SendAsync(Message("l2Book", Exchange.BookOf(key.Split('|')[1]))).GetAwaiter().GetResult();
            }
        }
    }

    private static JsonObject Message(string channel, JsonNode data) => new() { ["channel"] = channel, ["data"] = data };

    private static string KeyOf(JsonObject subscription) =>
        $"{subscription["type"]?.GetValue<string>()}|{subscription["coin"]?.GetValue<string>()}|{subscription["user"]?.GetValue<string>().ToLowerInvariant()}";

    private sealed class Session(System.Net.WebSockets.WebSocket socket)
    {
        private readonly SemaphoreSlim _send = new(1, 1);

        public System.Net.WebSockets.WebSocket Socket { get; } = socket;

        public ConcurrentDictionary<string, byte> Subscriptions { get; } = new();

        public async Task SendAsync(JsonNode message)
        {
            await _send.WaitAsync();
            try
            {
                if (Socket.State == WebSocketState.Open)
                {
                    await Socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (WebSocketException)
            {
                // the client is gone
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
