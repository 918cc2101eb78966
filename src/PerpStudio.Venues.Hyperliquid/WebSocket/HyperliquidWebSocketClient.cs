using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PerpStudio.Venues.Hyperliquid.WebSocket;

/// <summary>
/// One websocket to Hyperliquid that stays up: it re-subscribes everything after a reconnect (with doubling backoff),
/// pings while quiet so the venue does not drop it, and tells its owner each time it has reconnected so that what
/// was missed meanwhile (fills) can be recovered from history.
/// </summary>
public sealed class HyperliquidWebSocketClient : IAsyncDisposable
{
    private readonly Uri _uri;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reconnectDelay;
    private readonly TimeSpan _maxReconnectDelay;
    private readonly TimeSpan _heartbeat;
    private readonly ConcurrentDictionary<string, string> _subscriptions = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pendingAcks = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ClientWebSocket? _socket;
    private Task? _loop;
    private ITimer? _pinger;
    private int _connections;
    private int _disposed;

    /// <summary>Creates the client; nothing connects until <see cref="StartAsync"/>.</summary>
    public HyperliquidWebSocketClient(Uri uri, TimeProvider time, TimeSpan reconnectDelay, TimeSpan maxReconnectDelay, TimeSpan heartbeat)
    {
        _uri = uri ?? throw new ArgumentNullException(nameof(uri));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _reconnectDelay = reconnectDelay;
        _maxReconnectDelay = maxReconnectDelay;
        _heartbeat = heartbeat;
    }

    /// <summary>Called for every message, on the receive loop (keep it short).</summary>
    public Func<WsMessage, ValueTask>? OnMessage { get; set; }

    /// <summary>Told of disconnects, reconnects and unreadable messages (for the host's log); never carries secrets.</summary>
    public Action<string>? OnDiagnostic { get; set; }

    /// <summary>Called after a reconnect has re-subscribed everything (not after the first connect).</summary>
    public Func<ValueTask>? OnReconnected { get; set; }

    /// <summary>How many times a connection was established.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>True while a connection is open.</summary>
    public bool IsConnected => _socket?.State == WebSocketState.Open;

    /// <summary>Connects for the first time and starts the receive loop.</summary>
    /// <exception cref="WebSocketException">The first connection failed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return;
        }

        _socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        _pinger = _time.CreateTimer(_ => _ = PingAsync(), null, _heartbeat, _heartbeat);
        _loop = Task.Run(() => RunAsync(_socket), CancellationToken.None);
    }

    /// <summary>Subscribes (and keeps the subscription across reconnects); completes when the venue confirms it.</summary>
    public async Task SubscribeAsync(string subscription, CancellationToken cancellationToken)
    {
        var key = KeyOf(subscription);
        var ack = _pendingAcks.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_subscriptions.TryAdd(key, subscription))
        {
            await ack.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendAsync(WsProtocol.Request("subscribe", subscription), cancellationToken).ConfigureAwait(false);
        await ack.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops a subscription.</summary>
    public async Task UnsubscribeAsync(string subscription, CancellationToken cancellationToken)
    {
        var key = KeyOf(subscription);
        if (_subscriptions.TryRemove(key, out _))
        {
            _pendingAcks.TryRemove(key, out _);
            await SendAsync(WsProtocol.Request("unsubscribe", subscription), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _pinger?.Dispose();
        if (_socket is { State: WebSocketState.Open } socket)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // closing is best effort: the venue drops a vanished client by itself
            }
        }

        _socket?.Abort();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _socket?.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    /// <summary>The identity of a subscription: its type and coin or user, whatever else the venue echoes.</summary>
    internal static string KeyOf(string subscription)
    {
        using var doc = JsonDocument.Parse(subscription);
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : "";
        var coin = root.TryGetProperty("coin", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : "";
        var user = root.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()!.ToLowerInvariant() : "";
        return $"{type}|{coin}|{user}";
    }

    private async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(_uri, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Interlocked.Increment(ref _connections);
        return socket;
    }

    private async Task RunAsync(ClientWebSocket socket)
    {
        var delay = _reconnectDelay;
        while (!_stop.IsCancellationRequested)
        {
            await ReceiveAsync(socket).ConfigureAwait(false);
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            OnDiagnostic?.Invoke($"hyperliquid websocket {_uri} disconnected; reconnecting");
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
                    socket.Dispose();
                    socket = await ConnectAsync(_stop.Token).ConfigureAwait(false);
                    _socket = socket;
                    foreach (var subscription in _subscriptions.Values)
                    {
                        await SendAsync(WsProtocol.Request("subscribe", subscription), _stop.Token).ConfigureAwait(false);
                    }

                    delay = _reconnectDelay;
                    OnDiagnostic?.Invoke($"hyperliquid websocket {_uri} reconnected (connection {Connections})");
                    break;
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
                {
                    OnDiagnostic?.Invoke($"hyperliquid websocket {_uri} reconnect failed, next try in {delay}: {e.Message}");
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxReconnectDelay.Ticks));
                }
            }

            if (OnReconnected is { } reconnected)
            {
                _ = Task.Run(async () => await reconnected().ConfigureAwait(false));
            }
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                await DispatchAsync(text).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // a dropped connection ends the receive; the caller reconnects unless stopping
        }
    }

    private async Task DispatchAsync(string text)
    {
        WsMessage message;
        try
        {
            message = WsProtocol.Parse(text);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            OnDiagnostic?.Invoke($"hyperliquid websocket sent an unreadable message: {e.Message}");
            return;
        }

        if (message is WsSubscribed subscribed && subscribed.Subscription.Length > 0)
        {
            var key = KeyOf(subscribed.Subscription);
            if (_pendingAcks.TryGetValue(key, out var ack))
            {
                ack.TrySetResult();
            }
        }

        if (OnMessage is { } handler)
        {
            await handler(message).ConfigureAwait(false);
        }
    }

    private async Task PingAsync()
    {
        try
        {
            if (IsConnected)
            {
                await SendAsync(WsProtocol.Ping, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // a failed ping means the socket is going down; the receive loop reconnects
        }
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("the websocket is not started");
        var bytes = Encoding.UTF8.GetBytes(text);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
            // the receive loop notices the broken socket and re-sends every subscription after reconnecting
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
