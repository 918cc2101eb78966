using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
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

    private readonly HttpClient _http;
    private readonly GrpcClientOptions _options;
    private readonly string _path;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _deadlineCts;
    private readonly CancellationTokenSource _callCts;
    private readonly TimeSpan? _timeout;
    private HttpResponseMessage? _response;
    private MessageFrameReader? _reader;
    private StreamingRequestContent? _streamingContent;
    private bool _trailersOnly;

    public ClientCall(HttpClient http, GrpcClientOptions options, string path, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        _http = http;
        _options = options;
        _path = path.StartsWith('/') ? path : "/" + path;
        _callerToken = cancellationToken;
        _timeout = deadline is { } d ? d - options.TimeProvider.GetUtcNow() : null;
        _deadlineCts = _timeout is { } t && t > TimeSpan.Zero && t.TotalMilliseconds < uint.MaxValue - 1
            ? new CancellationTokenSource(t, options.TimeProvider)
            : new CancellationTokenSource();
        if (_timeout is { } expired && expired <= TimeSpan.Zero)
        {
            _deadlineCts.Cancel();
        }

        _callCts = CancellationTokenSource.CreateLinkedTokenSource(_deadlineCts.Token, cancellationToken);
    }

    public CancellationToken Token => _callCts.Token;

    public Metadata ResponseHeaders { get; } = new();

    public Metadata Trailers { get; } = new();

    public byte[] Frame(IMessage message) => MessageFrameWriter.Frame(message, _options.CompressRequests, _options.MaxSendMessageSize);

    public HttpContent StreamingContent(IAsyncEnumerable<byte[]> frames)
    {
        _streamingContent = new StreamingRequestContent(frames, _callCts.Token);
        return _streamingContent;
    }

    public async Task StartAsync(HttpContent content, Metadata? headers)
    {
        try
        {
            _callCts.Token.ThrowIfCancellationRequested();
            var request = BuildRequest(content, headers);
            _response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _callCts.Token);
            ReadResponseHeaders(_response);
            if (!_trailersOnly)
            {
                var stream = await _response.Content.ReadAsStreamAsync(_callCts.Token);
                var encoding = _response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var e) ? e.FirstOrDefault() : null;
                _reader = new MessageFrameReader(PipeReader.Create(stream), encoding, _options.MaxReceiveMessageSize, "response");
            }
        }
        catch (Exception ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>The next response message, or null once the trailers said OK.</summary>
    public async ValueTask<IMessage?> ReadAsync(MessageParser parser)
    {
        if (_trailersOnly || _reader is null)
        {
            return null;
        }

        try
        {
            var message = await _reader.ReadAsync(parser, _callCts.Token);
            if (message is null)
            {
                ReadTrailers();
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
        _response?.Dispose();
        _callCts.Dispose();
        _deadlineCts.Dispose();
    }

    private HttpRequestMessage BuildRequest(HttpContent content, Metadata? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
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
            foreach (var (name, values) in MetadataHeaders.ToHeaders(headers))
            {
                h.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
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

        var contentType = response.Content.Headers.ContentType?.ToString();
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {contentType}");
        }

        if (response.Headers.TryGetValues(GrpcProtocol.StatusHeader, out _))
        {
            // trailers-only: the status and any trailers arrived with the headers
            _trailersOnly = true;
            Collect(response.Headers, Trailers);
            ThrowIfNotOk(response.Headers);
            return;
        }

        Collect(response.Headers, ResponseHeaders);
    }

    private void ReadTrailers()
    {
        var trailers = _response!.TrailingHeaders;
        Collect(trailers, Trailers);
        ThrowIfNotOk(trailers);
    }

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
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var values)
            || !int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, "No valid grpc-status found on the response");
        }

        var detail = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messages)
            ? GrpcStatusMessage.Decode(messages.FirstOrDefault())
            : string.Empty;
        return new Status(Enum.IsDefined((StatusCode)code) ? (StatusCode)code : StatusCode.Unknown, detail);
    }

    private static void Collect(HttpHeaders headers, Metadata into)
    {
        foreach (var (name, values) in headers)
        {
            MetadataHeaders.TryAdd(into, name, values, out _);
        }
    }

    private Exception Translate(Exception ex)
    {
        if (_deadlineCts.IsCancellationRequested)
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
