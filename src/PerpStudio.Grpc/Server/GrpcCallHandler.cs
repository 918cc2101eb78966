using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Server;

/// <summary>
/// Serves one HTTP/2 request as a gRPC call: checks the request line, reads deadline and metadata,
/// runs the filters and the handler, and ends with the status in trailers (or trailers-only).
/// </summary>
internal sealed partial class GrpcCallHandler
{
    private const string HandlerFailedDetail = "Exception was thrown by handler.";

    private readonly BoundMethod? _method;
    private readonly string _unimplementedDetail;
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;

    // filters are singletons (AddGrpcCallFilter registers them so): the chain around a method is built once, not per call
    private GrpcCallContinuation? _pipeline;

    /// <param name="method">The method served, or null for a path no service binds.</param>
    /// <param name="unimplementedDetail">The UNIMPLEMENTED detail when <paramref name="method"/> is null.</param>
    public GrpcCallHandler(BoundMethod? method, string unimplementedDetail, GrpcServerOptions options, ILogger logger)
    {
        _method = method;
        _unimplementedDetail = unimplementedDetail;
        _options = options;
        _logger = logger;
    }

    public Task HandleAsync(HttpContext http)
    {
        // the checks before the call runs are synchronous: only the call itself needs a state machine
        if (!IsAcceptableRequest(http))
        {
            return Task.CompletedTask;
        }

        var response = http.Response;
        response.Headers.ContentType = GrpcProtocol.ContentType;
        if (_method is null)
        {
            WriteTrailersOnly(response, new Status(StatusCode.Unimplemented, _unimplementedDetail), null);
            return Task.CompletedTask;
        }

        var requestHeaders = http.Request.Headers;
        var timeoutHeader = requestHeaders[GrpcProtocol.TimeoutHeader].ToString();
        TimeSpan? timeout = null;
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed, out var timeoutError))
            {
                WriteTrailersOnly(response, new Status(StatusCode.InvalidArgument, timeoutError), null);
                return Task.CompletedTask;
            }

            timeout = parsed;
        }

        var metadata = new Metadata();
        foreach (var (name, values) in requestHeaders)
        {
            if (!MetadataHeaders.TryAdd(metadata, name, values, out var metadataError))
            {
                WriteTrailersOnly(response, new Status(StatusCode.InvalidArgument, metadataError), null);
                return Task.CompletedTask;
            }
        }

        // a stream lives as long as the call: Kestrel's whole-body size cap and minimum data rate do not apply
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rateFeature)
        {
            rateFeature.MinDataRate = null;
        }

        return RunCallAsync(http, _method, metadata, timeout);
    }

    private async Task RunCallAsync(HttpContext http, BoundMethod method, Metadata requestHeaders, TimeSpan? timeout)
    {
        var time = _options.TimeProvider;
        var requestAborted = http.RequestAborted;
        DateTimeOffset? deadline = timeout is { } d ? time.GetUtcNow() + d : null;

        // One source per call, and only when there is a deadline to fire: the client's reset cancels it through a
        // registration, so no linked source is needed. The call token fired without the request being aborted
        // means the deadline passed.
        using var deadlineCts = timeout is { } t
            ? (t < MaxTimerDelay ? new CancellationTokenSource(t, time) : new CancellationTokenSource())
            : null;
        using var abortRegistration = deadlineCts is null
            ? default
            : requestAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadlineCts);
        var callToken = deadlineCts?.Token ?? requestAborted;

        var call = new GrpcServerCall(http, method.Info, _options);
        call.Start(callToken, requestAborted);
        call.PrepareResponseHeaders();
        var context = new ServerCallContext(call, requestHeaders, deadline, callToken);

        Status status;
        try
        {
            await (_pipeline ??= BuildPipeline(http, method))(context);
            // a handler that ends quietly once its deadline fired (a stream that stops on its token) still missed it
            status = call.DeadlineExpired
                ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")
                : Status.DefaultSuccess;
        }
        catch (Exception) when (call.DeadlineExpired)
        {
            status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            if (ex.Trailers.Count > 0)
            {
                var trailers = context.ResponseTrailers;
                foreach (var entry in ex.Trailers)
                {
                    trailers.Add(entry);
                }
            }
        }
        catch (Exception) when (requestAborted.IsCancellationRequested)
        {
            status = new Status(StatusCode.Cancelled, "Call cancelled by the client");
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, method.Info.Path, ex);
            status = new Status(StatusCode.Unknown, HandlerFailedDetail);
        }
        finally
        {
            call.Complete();
        }

        if (requestAborted.IsCancellationRequested)
        {
            // the client reset the stream: nobody is left to read a status
            return;
        }

        if (status.StatusCode != StatusCode.OK)
        {
            LogCallFailed(_logger, method.Info.Path, status.StatusCode, status.Detail);
        }

        if (http.Response.HasStarted)
        {
            WriteTrailers(http.Response, status, context.ResponseTrailersIfAny);
        }
        else
        {
            WriteTrailersOnly(http.Response, status, context.ResponseTrailersIfAny);
        }
    }

    private static GrpcCallContinuation BuildPipeline(HttpContext http, BoundMethod method)
    {
        GrpcCallContinuation next = context => method.Invoke(ServerCallOf(context), context);
        var filters = http.RequestServices.GetServices<IGrpcCallFilter>().ToArray();
        for (var i = filters.Length - 1; i >= 0; i--)
        {
            var filter = filters[i];
            var inner = next;
            next = context => filter.InvokeAsync(context, inner);
        }

        return next;
    }

    private static GrpcServerCall ServerCallOf(ServerCallContext context) => context.Call;

    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private static bool IsAcceptableRequest(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            // gRPC needs HTTP/2 trailers and streams; tell an HTTP/1.x client to switch protocols
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "HTTP/2.0";
            response.Headers.Connection = "Upgrade";
            response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers[GrpcProtocol.MessageHeader] = GrpcStatusMessage.Encode($"gRPC requires HTTP/2; the request used {request.Protocol}");
            return false;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST";
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.Headers.Accept = GrpcProtocol.ContentType;
            return false;
        }

        return true;
    }

    private static void WriteTrailersOnly(HttpResponse response, Status status, Metadata? trailers)
    {
        var headers = response.Headers;
        headers[GrpcProtocol.StatusHeader] = StatusText(status.StatusCode);
        if (status.Detail.Length > 0)
        {
            headers[GrpcProtocol.MessageHeader] = GrpcStatusMessage.Encode(status.Detail);
        }

        if (trailers is not null)
        {
            foreach (var (name, values) in MetadataHeaders.ToHeaders(trailers))
            {
                headers.Append(name, values);
            }
        }
    }

    private static void WriteTrailers(HttpResponse response, Status status, Metadata? trailers)
    {
        response.AppendTrailer(GrpcProtocol.StatusHeader, StatusText(status.StatusCode));
        if (status.Detail.Length > 0)
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcStatusMessage.Encode(status.Detail));
        }

        if (trailers is not null)
        {
            foreach (var (name, values) in MetadataHeaders.ToHeaders(trailers))
            {
                response.AppendTrailer(name, values);
            }
        }
    }

    private static string StatusText(StatusCode code) => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC handler of {Method} threw")]
    private static partial void LogHandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "gRPC call {Method} ended with {Code}: {Detail}")]
    private static partial void LogCallFailed(ILogger logger, string method, StatusCode code, string detail);
}
