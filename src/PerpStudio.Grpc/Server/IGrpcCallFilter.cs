namespace PerpStudio.Grpc.Server;

/// <summary>The rest of the call: later filters, then reading the request and running the handler.</summary>
/// <param name="context">The call.</param>
public delegate Task GrpcCallContinuation(ServerCallContext context);

/// <summary>
/// Runs around every call (authentication, tenancy, rate limiting, tracing). Filters are resolved from
/// the request's service provider and run in registration order; a filter rejects a call by throwing
/// <see cref="RpcException"/> without calling <c>next</c>. The request message has not been read yet
/// when a filter starts, so a rejected call costs no parsing.
/// </summary>
public interface IGrpcCallFilter
{
    /// <summary>Handles the call, normally by awaiting <paramref name="next"/>.</summary>
    Task InvokeAsync(ServerCallContext context, GrpcCallContinuation next);
}
