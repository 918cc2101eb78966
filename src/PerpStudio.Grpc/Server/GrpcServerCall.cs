using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Server;

/// <summary>The transport side of one server call: reading request frames and writing response frames.</summary>
internal sealed class GrpcServerCall
{
    private readonly GrpcServerOptions _options;
    private readonly MessageFrameReader _reader;
    private readonly bool _gzipResponses;
    private CancellationToken _callToken;
    private CancellationToken _requestAborted;
    private int _writing;
    private bool _completed;

    public GrpcServerCall(HttpContext httpContext, GrpcMethodInfo method, GrpcServerOptions options)
    {
        HttpContext = httpContext;
        Method = method;
        _options = options;
        var request = httpContext.Request;
        var encoding = request.Headers[GrpcProtocol.EncodingHeader];
        _reader = new MessageFrameReader(request.BodyReader, encoding.Count > 0 ? encoding[0] : null,
            options.MaxReceiveMessageSize, "request");
        _gzipResponses = options.CompressResponses && MessageCompression.AcceptsGzip(request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString());
    }

    public HttpContext HttpContext { get; }

    public GrpcMethodInfo Method { get; }

    public string Peer
    {
        get
        {
            var connection = HttpContext.Connection;
            return connection.RemoteIpAddress switch
            {
                null => "unknown",
                { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
                IPAddress ip => $"ipv4:{ip}:{connection.RemotePort}",
            };
        }
    }

    /// <param name="callToken">Fires at the deadline or when the client resets the stream.</param>
    /// <param name="requestAborted">Fires when the client resets the stream.</param>
    public void Start(CancellationToken callToken, CancellationToken requestAborted)
    {
        _callToken = callToken;
        _requestAborted = requestAborted;
    }

    /// <summary>True once the deadline passed (the call token fired while the client still waits).</summary>
    public bool DeadlineExpired => _callToken.IsCancellationRequested && !_requestAborted.IsCancellationRequested;

    /// <summary>Marks the call as ended: later writes from a handler that outlived its call fail loudly.</summary>
    public void Complete() => _completed = true;

    /// <summary>Headers every response starts with.</summary>
    public void PrepareResponseHeaders()
    {
        var headers = HttpContext.Response.Headers;
        headers.ContentType = GrpcProtocol.ContentType;
        headers[GrpcProtocol.AcceptEncodingHeader] = MessageCompression.AcceptedEncodings;
        if (_gzipResponses)
        {
            headers[GrpcProtocol.EncodingHeader] = MessageCompression.Gzip;
        }
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IMessage> ReadSingleRequestAsync(MessageParser parser)
    {
        var request = await _reader.ReadAsync(parser, _callToken)
            ?? throw new RpcException(StatusCode.InvalidArgument, $"{Method.Kind} call {Method.Path} received no request message");
        if (await _reader.ReadAsync(parser, _callToken) is not null)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"{Method.Kind} call {Method.Path} received more than one request message");
        }

        return request;
    }

    public ValueTask<IMessage?> ReadRequestAsync(MessageParser parser, CancellationToken cancellationToken) =>
        _reader.ReadAsync(parser, cancellationToken.CanBeCanceled ? cancellationToken : _callToken);

    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (HttpContext.Response.HasStarted)
        {
            throw new InvalidOperationException("Response headers were already sent for this call");
        }

        foreach (var (name, values) in MetadataHeaders.ToHeaders(headers))
        {
            HttpContext.Response.Headers.Append(name, values);
        }

        await HttpContext.Response.StartAsync(_callToken);
    }

    // awaited once by the binder's handlers, so its state machine can come from a pool
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException($"Call {Method.Path} already ended; its handler cannot write any more");
        }

        if (DeadlineExpired)
        {
            throw new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException($"Call {Method.Path}: a previous write has not finished; await each WriteAsync");
        }

        try
        {
            var token = cancellationToken.CanBeCanceled ? cancellationToken : _callToken;
            await MessageFrameWriter.WriteAsync(HttpContext.Response.BodyWriter, message, _gzipResponses, _options.MaxSendMessageSize, token);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
