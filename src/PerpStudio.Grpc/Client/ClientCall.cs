using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Client;

/// <summary>
/// One client call over HttpClient: sends the request headers and body, reads response headers,
/// messages and trailers, and turns every failure into an <see cref="RpcException"/>.
/// </summary>
internal sealed class ClientCall : IDisposable
{
    private const string UserAgent = "grpc-dotnet-perpstudio/1.0";

    // zero-byte reads: a call waiting for its response holds no buffer (otherwise every call in flight holds 4 KB
    // from the shared pool while the server works, more than the pool keeps, so most were allocated anew)
    private static readonly StreamPipeReaderOptions ResponseReaderOptions = new(useZeroByteReads: true);

    private readonly GrpcClient _client;
    private readonly GrpcClientOptions _options;
    private readonly string _path;
    private readonly CancellationToken _callerToken;

    // one source for the deadline and the caller's cancellation (none when neither can fire): a linked pair of
    // sources, a registration between them and HttpClient's own linked source cost several objects on every call
    private readonly CancellationTokenSource? _cts;
    private readonly CancellationTokenRegistration _callerRegistration;
    private readonly TimeSpan? _timeout;
    private readonly DateTimeOffset _deadline;
    private readonly bool _pooledSource;
    private volatile bool _cancelledByCaller;
    private HttpResponseMessage? _response;
    private PipeReader? _body;
    private MessageFrameReader? _reader;
    private StreamingRequestContent? _streamingContent;
    private bool _trailersOnly;
    private bool _trailersArrived;
    private Metadata? _responseHeaders;
    private Metadata? _trailers;

    /// <param name="client">The transport.</param>
    /// <param name="options">The client's settings.</param>
    /// <param name="path">The method's path.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED, or null.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <param name="reuseSource">
    /// The token reaches nothing that outlives the call (unary calls), so its source may come from the client's pool.
    /// </param>
    public ClientCall(GrpcClient client, GrpcClientOptions options, string path, DateTimeOffset? deadline, CancellationToken cancellationToken, bool reuseSource = false)
    {
        _client = client;
        _options = options;
        _path = path;
        _callerToken = cancellationToken;
        _timeout = deadline is { } d ? d - options.TimeProvider.GetUtcNow() : null;
        if (_timeout is { } t)
        {
            _deadline = deadline!.Value;
            var timed = t > TimeSpan.Zero && t.TotalMilliseconds < uint.MaxValue - 1;
            if (timed && reuseSource && options.TimeProvider == TimeProvider.System)
            {
                _cts = client.RentDeadlineSource();
                _cts.CancelAfter(t);
                _pooledSource = true;
            }
            else
            {
                _cts = timed ? new CancellationTokenSource(t, options.TimeProvider) : new CancellationTokenSource();
            }

            if (t <= TimeSpan.Zero)
            {
                _cts.Cancel();
            }

            if (cancellationToken.CanBeCanceled)
            {
                _callerRegistration = cancellationToken.UnsafeRegister(static state => ((ClientCall)state!).CancelByCaller(), this);
            }
        }

        Token = _cts?.Token ?? cancellationToken;
    }

    /// <summary>Cancelled when the deadline passes or the caller cancels.</summary>
    public CancellationToken Token { get; }

    /// <summary>The server's custom response headers (collected when first asked for).</summary>
    public Metadata ResponseHeaders => _responseHeaders ??= _response is { } r && !_trailersOnly ? Collected(r.Headers) : new Metadata();

    /// <summary>The server's custom trailers (collected when first asked for, once they have arrived).</summary>
    public Metadata Trailers
    {
        get
        {
            if (_trailers is { } known)
            {
                return known;
            }

            if (_response is not { } r || !(_trailersOnly || _trailersArrived))
            {
                return new Metadata();
            }

            return _trailers = Collected(_trailersOnly ? r.Headers : r.TrailingHeaders);
        }
    }

    /// <summary>True once the deadline has passed (and not because the caller cancelled first).</summary>
    private bool DeadlineFired => _cts is { IsCancellationRequested: true } && !_cancelledByCaller;

    public byte[] Frame(IMessage message) => MessageFrameWriter.Frame(message, _options.CompressRequests, _options.MaxSendMessageSize);

    /// <summary>The body of a call with one request message.</summary>
    public HttpContent RequestContent(IMessage message) =>
        _options.CompressRequests
            ? new ByteArrayContent(Frame(message))
            : new UnaryRequestContent(message, _options.MaxSendMessageSize);

    public HttpContent StreamingContent(IAsyncEnumerable<byte[]> frames)
    {
        _streamingContent = new StreamingRequestContent(frames, Token);
        return _streamingContent;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask StartAsync(HttpContent content, Metadata? headers)
    {
        try
        {
            Token.ThrowIfCancellationRequested();
            var request = BuildRequest(content, headers);
            _response = await _client.SendAsync(request, Token);
            ReadResponseHeaders(_response);
            if (!_trailersOnly)
            {
                var stream = _client.OwnsHandler
                    ? _response.Content.ReadAsStream(Token) // the handler's response content hands over its stream at once
                    : await _response.Content.ReadAsStreamAsync(Token);
                _body = PipeReader.Create(stream, ResponseReaderOptions);
                _reader = new MessageFrameReader(_body, FirstValue(_response.Headers, GrpcProtocol.EncodingHeader), _options.MaxReceiveMessageSize, "response");
            }
        }
        catch (Exception ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>The next response message, or null once the trailers said OK.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IMessage?> ReadAsync(MessageParser parser)
    {
        if (_trailersOnly || _reader is null)
        {
            return null;
        }

        try
        {
            var message = await _reader.ReadAsync(parser, Token);
            if (message is null)
            {
                _trailersArrived = true;
                ThrowIfNotOk(_response!.TrailingHeaders);
            }

            return message;
        }
        catch (Exception ex)
        {
            throw Translate(ex);
        }
    }

    public void Dispose()
    {
        _callerRegistration.Dispose();

        // completing the reader hands its buffers back to the pool (disposing the response alone would not)
        _body?.Complete();
        _response?.Dispose();
        if (_pooledSource && _deadline - TimeProvider.System.GetUtcNow() > GrpcClient.ReuseMargin)
        {
            // the caller's registration is gone and the timer is far from due: nothing can cancel the source now
            _client.ReturnDeadlineSource(_cts!);
        }
        else
        {
            _cts?.Dispose();
        }
    }

    private void CancelByCaller()
    {
        // the deadline keeps its status when it fired before the caller cancelled
        if (!_cts!.IsCancellationRequested)
        {
            _cancelledByCaller = true;
            _cts.Cancel();
        }
    }

    private HttpRequestMessage BuildRequest(HttpContent content, Metadata? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _client.UriOf(_path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        content.Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
        var h = request.Headers;
        h.TryAddWithoutValidation("te", "trailers");
        h.TryAddWithoutValidation("user-agent", UserAgent);
        h.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, MessageCompression.AcceptedEncodings);
        if (_options.CompressRequests)
        {
            h.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, MessageCompression.Gzip);
        }

        if (_timeout is { } timeout)
        {
            h.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        if (headers is not null)
        {
            // a repeated key joins the values already under that header name, as one multi-valued header
            foreach (var entry in headers)
            {
                h.TryAddWithoutValidation(entry.Key, entry.Value);
            }
        }

        return request;
    }

    private void ReadResponseHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RpcException(FromHttpStatus(response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}");
        }

        if (!IsPlainGrpcContentType(response.Content.Headers))
        {
            var contentType = response.Content.Headers.ContentType?.ToString();
            if (!GrpcProtocol.IsGrpcContentType(contentType))
            {
                throw new RpcException(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType}");
            }
        }

        if (response.Headers.NonValidated.Contains(GrpcProtocol.StatusHeader))
        {
            // trailers-only: the status and any trailers arrived with the headers
            _trailersOnly = true;
            ThrowIfNotOk(response.Headers);
        }
    }

    /// <summary>
    /// True when the content type is exactly <c>application/grpc</c>, read without parsing it into a header
    /// object; anything else goes through the parsed value as before.
    /// </summary>
    private static bool IsPlainGrpcContentType(HttpContentHeaders headers) =>
        headers.NonValidated.TryGetValues("Content-Type", out var values)
        && values.Count == 1
        && string.Equals(values.ToString(), GrpcProtocol.ContentType, StringComparison.Ordinal);

    private void ThrowIfNotOk(HttpHeaders headers)
    {
        var status = StatusOf(headers);
        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status, Trailers);
        }
    }

    private static Status StatusOf(HttpHeaders headers)
    {
        if (!int.TryParse(FirstValue(headers, GrpcProtocol.StatusHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, "No valid grpc-status found on the response");
        }

        // an OK status is never shown to anyone: its detail is not decoded
        if (code == (int)StatusCode.OK)
        {
            return new Status(StatusCode.OK, string.Empty);
        }

        var message = FirstValue(headers, GrpcProtocol.MessageHeader);
        var detail = message is null ? string.Empty : GrpcStatusMessage.Decode(message);
        return new Status(Enum.IsDefined((StatusCode)code) ? (StatusCode)code : StatusCode.Unknown, detail);
    }

    /// <summary>The first raw value of a header, or null; gRPC's own headers have no HTTP parser to apply.</summary>
    private static string? FirstValue(HttpHeaders headers, string name)
    {
        if (headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }

    private static Metadata Collected(HttpHeaders headers)
    {
        var into = new Metadata();
        foreach (var (name, values) in headers)
        {
            MetadataHeaders.TryAdd(into, name, values, out _);
        }

        return into;
    }

    private Exception Translate(Exception ex)
    {
        if (DeadlineFired)
        {
            return new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (ex is RpcException)
        {
            return ex;
        }

        if (_streamingContent?.Failure is RpcException sendFailure)
        {
            return sendFailure;
        }

        if (_callerToken.IsCancellationRequested)
        {
            return new RpcException(StatusCode.Cancelled, "Call cancelled by the client");
        }

        var protocolError = ex as HttpProtocolException ?? ex.InnerException as HttpProtocolException;
        if (protocolError is not null)
        {
            // RST_STREAM codes mapped as PROTOCOL-HTTP2.md's table says
            var code = protocolError.ErrorCode switch
            {
                0x7 => StatusCode.Unavailable,
                0x8 => StatusCode.Cancelled,
                0xb => StatusCode.ResourceExhausted,
                0xc => StatusCode.PermissionDenied,
                _ => StatusCode.Internal,
            };
            return new RpcException(code, $"The stream was reset by the server (HTTP/2 error {protocolError.ErrorCode}): {protocolError.Message}");
        }

        return ex switch
        {
            HttpRequestException or IOException => new RpcException(StatusCode.Unavailable, $"Error talking to the server: {ex.Message}"),
            OperationCanceledException => new RpcException(StatusCode.Cancelled, "Call cancelled"),
            _ => new RpcException(StatusCode.Unknown, $"Call failed: {ex.Message}"),
        };
    }

    private static StatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
