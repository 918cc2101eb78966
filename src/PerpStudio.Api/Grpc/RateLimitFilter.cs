using PerpStudio.Api.Application;
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
            // the peer partitions only calls without a credential: its text is built for those alone
            var caller = context.Caller();
            limiter.Acquire(caller, caller.Kind == CredentialKind.None ? context.Peer : string.Empty);
        }

        return next(context);
    }
}
