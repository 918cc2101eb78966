using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PerpStudio.Grpc.Client;

/// <summary>
/// A small gRPC client over <see cref="HttpClient"/> (HTTP/2: h2c for <c>http://</c>, TLS for <c>https://</c>).
/// Every failure, including a non-OK status in the trailers, surfaces as <see cref="RpcException"/>.
/// </summary>
public sealed class GrpcClient : IDisposable
{
    // a client calls a handful of methods: their request URIs are made once (bounded, whatever callers pass)
    private const int MaxCachedUris = 1024;

    private readonly HttpClient? _http;
    private readonly HttpMessageInvoker? _invoker;
    private readonly Uri? _address;
    private readonly GrpcClientOptions _options;
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    // cancellation sources of finished unary calls, reset for the next: a fresh one costs the source, its timer, its
    // registration table and a node per registration on every call
    private readonly CancellationTokenSource?[] _idleSources = new CancellationTokenSource?[64];
    private int _idleCount;

    /// <summary>Calls through <paramref name="httpClient"/>, whose BaseAddress is the server. Its Timeout should be infinite (deadlines are per call).</summary>
    public GrpcClient(HttpClient httpClient, GrpcClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _options = options ?? new GrpcClientOptions();
    }

    private GrpcClient(HttpMessageInvoker invoker, Uri address, GrpcClientOptions? options)
    {
        _invoker = invoker;
        _address = address;
        _options = options ?? new GrpcClientOptions();
    }

    /// <summary>A client with its own HTTP/2 connection pool to <paramref name="address"/>.</summary>
    public static GrpcClient ForAddress(Uri address, GrpcClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,

            // a gRPC response is 200 or a failure: a redirect is never followed (a followed 301/302 would even turn the
            // call into a GET without its message)
            AllowAutoRedirect = false,
        };

        // the handler is called directly: HttpClient would add a linked cancellation source and resolve the
        // relative URI against its base address on every call, and it has no timeout or default headers to give here
        return new GrpcClient(new HttpMessageInvoker(handler, disposeHandler: true), address, options);
    }

    /// <summary>The path of a method, <c>/{package.Service}/{Method}</c>.</summary>
    public static string PathOf(MethodDescriptor method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return $"/{method.Service.FullName}/{method.Name}";
    }

    /// <summary>Calls a unary method and returns its response.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        string method, TRequest request, Metadata? headers = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        // the response headers and trailers are not asked for, so they are never collected (unless a failure carries them)
        ArgumentNullException.ThrowIfNull(request);
        using var call = new ClientCall(this, _options, method, deadline, cancellationToken, reuseSource: true);
        await call.StartAsync(call.RequestContent(request), headers);
        var response = await call.ReadAsync(ParserOf<TResponse>.Parser) is TResponse r ? r : throw NoResponse();
        return await call.ReadAsync(ParserOf<TResponse>.Parser) is null ? response : throw MoreThanOneResponse();
    }

    /// <summary>Calls a unary method and returns its response with the server's headers and trailers.</summary>
    public async Task<GrpcCallResult<TResponse>> UnaryCallAsync<TRequest, TResponse>(
        string method, TRequest request, Metadata? headers = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        using var call = new ClientCall(this, _options, method, deadline, cancellationToken, reuseSource: true);
        await call.StartAsync(call.RequestContent(request), headers);
        return await SingleResponseAsync<TResponse>(call);
    }

    /// <summary>Calls a server-streaming method; the responses arrive as the server writes them.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreaming<TRequest, TResponse>(
        string method, TRequest request, Metadata? headers = null, DateTimeOffset? deadline = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        using var call = new ClientCall(this, _options, method, deadline, cancellationToken);
        await call.StartAsync(call.RequestContent(request), headers);
        while (await call.ReadAsync(ParserOf<TResponse>.Parser) is TResponse response)
        {
            yield return response;
        }
    }

    /// <summary>Calls a client-streaming method, sending <paramref name="requests"/> as they are produced.</summary>
    public async Task<GrpcCallResult<TResponse>> ClientStreamingAsync<TRequest, TResponse>(
        string method, IAsyncEnumerable<TRequest> requests, Metadata? headers = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(requests);
        using var call = new ClientCall(this, _options, method, deadline, cancellationToken);
        await call.StartAsync(call.StreamingContent(Frames(call, requests)), headers);
        return await SingleResponseAsync<TResponse>(call);
    }

    /// <summary>Calls a bidirectional method: requests go out as produced while responses are read.</summary>
    public async IAsyncEnumerable<TResponse> DuplexStreaming<TRequest, TResponse>(
        string method, IAsyncEnumerable<TRequest> requests, Metadata? headers = null, DateTimeOffset? deadline = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(requests);
        using var call = new ClientCall(this, _options, method, deadline, cancellationToken);
        await call.StartAsync(call.StreamingContent(Frames(call, requests)), headers);
        while (await call.ReadAsync(ParserOf<TResponse>.Parser) is TResponse response)
        {
            yield return response;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _invoker?.Dispose();
        lock (_idleSources)
        {
            for (; _idleCount > 0; _idleCount--)
            {
                _idleSources[_idleCount - 1]!.Dispose();
                _idleSources[_idleCount - 1] = null;
            }
        }
    }

    /// <summary>
    /// How far a call's deadline must still be when it ends for its source to be reused: a timer that is not due can
    /// not be firing while the source is reset.
    /// </summary>
    internal static TimeSpan ReuseMargin { get; } = TimeSpan.FromSeconds(5);

    /// <summary>A cancellation source with no timer running and no registrations, from the pool when one is idle.</summary>
    internal CancellationTokenSource RentDeadlineSource()
    {
        lock (_idleSources)
        {
            while (_idleCount > 0)
            {
                var source = _idleSources[--_idleCount]!;
                _idleSources[_idleCount] = null;
                if (!source.IsCancellationRequested)
                {
                    return source;
                }

                source.Dispose();
            }
        }

        return new CancellationTokenSource();
    }

    /// <summary>Takes back the source of a finished call: reset (timer stopped, registrations dropped) or disposed.</summary>
    internal void ReturnDeadlineSource(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
            lock (_idleSources)
            {
                if (_idleCount < _idleSources.Length)
                {
                    _idleSources[_idleCount++] = source;
                    return;
                }
            }
        }

        source.Dispose();
    }

    /// <summary>True when the client made its own handler (whose response content gives its stream synchronously).</summary>
    internal bool OwnsHandler => _invoker is not null;

    /// <summary>Sends a request, returning once the response headers have arrived.</summary>
    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _http is not null
            ? _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            : _invoker!.SendAsync(request, cancellationToken);

    /// <summary>The request URI of a method path: absolute for the client's own connection, else relative to the HttpClient's base.</summary>
    internal Uri UriOf(string path)
    {
        if (_uris.TryGetValue(path, out var known))
        {
            return known;
        }

        var absolutePath = path.StartsWith('/') ? path : "/" + path;
        var uri = _address is not null ? new Uri(_address, absolutePath) : new Uri(absolutePath, UriKind.Relative);
        if (_uris.Count < MaxCachedUris)
        {
            _uris.TryAdd(path, uri);
        }

        return uri;
    }

    private static async Task<GrpcCallResult<TResponse>> SingleResponseAsync<TResponse>(ClientCall call)
        where TResponse : IMessage<TResponse>, new()
    {
        var response = await call.ReadAsync(ParserOf<TResponse>.Parser) is TResponse r ? r : throw NoResponse();
        if (await call.ReadAsync(ParserOf<TResponse>.Parser) is not null)
        {
            throw MoreThanOneResponse();
        }

        return new GrpcCallResult<TResponse>(response, call.ResponseHeaders, call.Trailers);
    }

    private static RpcException NoResponse() =>
        new(StatusCode.Internal, "The server ended the call with OK but sent no response message");

    private static RpcException MoreThanOneResponse() =>
        new(StatusCode.Internal, "The server sent more than one response message for a single-response call");

    private static async IAsyncEnumerable<byte[]> Frames<TRequest>(ClientCall call, IAsyncEnumerable<TRequest> requests)
        where TRequest : IMessage<TRequest>
    {
        await foreach (var request in requests.WithCancellation(call.Token))
        {
            yield return call.Frame(request);
        }
    }

    private static class ParserOf<T>
        where T : IMessage<T>, new()
    {
        public static readonly MessageParser<T> Parser = new(() => new T());
    }
}
