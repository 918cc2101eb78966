using Microsoft.AspNetCore.Http;

namespace PerpStudio.Grpc.Server;

/// <summary>Everything a handler or filter knows about the call it serves.</summary>
public sealed class ServerCallContext
{
    private readonly GrpcServerCall _call;
    private Metadata? _responseTrailers;

    // the first item lives in these fields; most calls carry one (the authenticated caller) and so need no collection
    private object? _firstItemKey;
    private object? _firstItem;
    private List<KeyValuePair<object, object>>? _moreItems;

    internal ServerCallContext(GrpcServerCall call, Metadata requestHeaders, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        _call = call;
        RequestHeaders = requestHeaders;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    internal GrpcServerCall Call => _call;

    /// <summary>The method being called.</summary>
    public GrpcMethodInfo Method => _call.Method;

    /// <summary>The client's custom metadata (protocol headers such as <c>grpc-timeout</c> are left out).</summary>
    public Metadata RequestHeaders { get; }

    /// <summary>Trailers sent with the status when the call ends, whatever the status.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>Fires when the deadline passes or the client cancels (RST_STREAM) or disconnects.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>When the client stops waiting, from <c>grpc-timeout</c>; null when it sent none.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>The client's address, e.g. <c>ipv4:127.0.0.1:53412</c>.</summary>
    public string Peer => _call.Peer;

    /// <summary>The HTTP request behind the call (user, connection, TLS, services).</summary>
    public HttpContext HttpContext => _call.HttpContext;

    /// <summary>The trailers when anyone asked for them (and so may have added some), else null.</summary>
    internal Metadata? ResponseTrailersIfAny => _responseTrailers;

    /// <summary>
    /// Keeps <paramref name="value"/> under <paramref name="key"/> for the rest of the call, replacing what was there:
    /// how a filter hands what it learned (the authenticated caller) to later filters and the handler.
    /// </summary>
    public void SetItem(object key, object value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_firstItemKey is null || Equals(_firstItemKey, key))
        {
            _firstItemKey = key;
            _firstItem = value;
            return;
        }

        _moreItems ??= [];
        for (var i = 0; i < _moreItems.Count; i++)
        {
            if (Equals(_moreItems[i].Key, key))
            {
                _moreItems[i] = new KeyValuePair<object, object>(key, value);
                return;
            }
        }

        _moreItems.Add(new KeyValuePair<object, object>(key, value));
    }

    /// <summary>The item kept under <paramref name="key"/> by <see cref="SetItem"/>, if any.</summary>
    public bool TryGetItem(object key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_firstItemKey is not null && Equals(_firstItemKey, key))
        {
            value = _firstItem!;
            return true;
        }

        if (_moreItems is not null)
        {
            foreach (var (k, v) in _moreItems)
            {
                if (Equals(k, key))
                {
                    value = v;
                    return true;
                }
            }
        }

        value = null;
        return false;
    }

    /// <summary>Sends response headers now, with the given custom metadata; at most once, before any message.</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => _call.WriteResponseHeadersAsync(responseHeaders);
}
