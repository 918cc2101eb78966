using PerpStudio.Api.RateLimiting;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>Applies the <see cref="CallRateLimiter"/> after authentication, before the request is read.</summary>
public sealed class RateLimitFilter(CallRateLimiter limiter) : IGrpcCallFilter
{
    /// <inheritdoc />
    public Task InvokeAsync(ServerCallContext context, GrpcCallContinuation next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.Method.ServiceName.StartsWith("grpc.", StringComparison.Ordinal))
        {
            limiter.Acquire(context.Caller(), context.Peer);
        }

        return next(context);
    }
}
