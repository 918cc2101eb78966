using Microsoft.AspNetCore.Http;

namespace PerpStudio.Grpc.Server;

/// <summary>Everything a handler or filter knows about the call it serves.</summary>
public sealed class ServerCallContext
{
    private readonly GrpcServerCall _call;

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
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>Fires when the deadline passes or the client cancels (RST_STREAM) or disconnects.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>When the client stops waiting, from <c>grpc-timeout</c>; null when it sent none.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>The client's address, e.g. <c>ipv4:127.0.0.1:53412</c>.</summary>
    public string Peer => _call.Peer;

    /// <summary>The HTTP request behind the call (user, connection, TLS, services).</summary>
    public HttpContext HttpContext => _call.HttpContext;

    /// <summary>Sends response headers now, with the given custom metadata; at most once, before any message.</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => _call.WriteResponseHeadersAsync(responseHeaders);
}
