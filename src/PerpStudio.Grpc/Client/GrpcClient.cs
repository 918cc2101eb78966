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
    private readonly HttpClient _http;
    private readonly GrpcClientOptions _options;
    private readonly bool _ownsHttpClient;

    /// <summary>Calls through <paramref name="httpClient"/>, whose BaseAddress is the server. Its Timeout should be infinite (deadlines are per call).</summary>
    public GrpcClient(HttpClient httpClient, GrpcClientOptions? options = null)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private GrpcClient(HttpClient httpClient, GrpcClientOptions? options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _options = options ?? new GrpcClientOptions();
        _ownsHttpClient = ownsHttpClient;
    }

    /// <summary>A client with its own HTTP/2 connection pool to <paramref name="address"/>.</summary>
    public static GrpcClient ForAddress(Uri address, GrpcClientOptions? options = null)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var http = new HttpClient(handler)
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        return new GrpcClient(http, options, ownsHttpClient: true);
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
        where TResponse : IMessage<TResponse>, new() =>
        (await UnaryCallAsync<TRequest, TResponse>(method, request, headers, deadline, cancellationToken)).Response;

    /// <summary>Calls a unary method and returns its response with the server's headers and trailers.</summary>
    public async Task<GrpcCallResult<TResponse>> UnaryCallAsync<TRequest, TResponse>(
        string method, TRequest request, Metadata? headers = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        using var call = new ClientCall(_http, _options, method, deadline, cancellationToken);
        await call.StartAsync(new ByteArrayContent(call.Frame(request)), headers);
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
        using var call = new ClientCall(_http, _options, method, deadline, cancellationToken);
        await call.StartAsync(new ByteArrayContent(call.Frame(request)), headers);
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
        using var call = new ClientCall(_http, _options, method, deadline, cancellationToken);
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
        using var call = new ClientCall(_http, _options, method, deadline, cancellationToken);
        await call.StartAsync(call.StreamingContent(Frames(call, requests)), headers);
        while (await call.ReadAsync(ParserOf<TResponse>.Parser) is TResponse response)
        {
            yield return response;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private static async Task<GrpcCallResult<TResponse>> SingleResponseAsync<TResponse>(ClientCall call)
        where TResponse : IMessage<TResponse>, new()
    {
        var response = await call.ReadAsync(ParserOf<TResponse>.Parser) is TResponse r
            ? r
            : throw new RpcException(StatusCode.Internal, "The server ended the call with OK but sent no response message");
        if (await call.ReadAsync(ParserOf<TResponse>.Parser) is not null)
        {
            throw new RpcException(StatusCode.Internal, "The server sent more than one response message for a single-response call");
        }

        return new GrpcCallResult<TResponse>(response, call.ResponseHeaders, call.Trailers);
    }

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
