using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;

namespace PerpStudio.Api.RateLimiting;

/// <summary>
/// Token buckets partitioned per credential, per trader address and (for calls without a credential) per peer. A call
/// takes one token from each bucket that applies; when any is empty the call is refused RESOURCE_EXHAUSTED with the
/// time until a token is due. Shared by the gRPC filter and the web frontend.
/// </summary>
public sealed class CallRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perCredential;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _anonymous;
    private readonly bool _disabled;

    /// <summary>Builds the limiters from <see cref="RateLimitOptions"/>.</summary>
    public CallRateLimiter(IOptions<PerpStudioApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.RateLimits;
        _disabled = limits.Disabled;
        _perCredential = Partitioned(limits.PerCredential);
        _perAddress = Partitioned(limits.PerAddress);
        _anonymous = Partitioned(limits.Anonymous);
    }

    /// <summary>Takes a token for the call or throws <see cref="ApiException"/> (RESOURCE_EXHAUSTED).</summary>
    /// <param name="caller">The authenticated caller.</param>
    /// <param name="peer">The peer's address, for anonymous callers.</param>
    public void Acquire(CallerContext caller, string peer)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (_disabled)
        {
            return;
        }

        if (caller.Kind == CredentialKind.None)
        {
            Take(_anonymous, PeerHost(peer), "anonymous_rate_limited", "too many calls without a credential from this address");
            return;
        }

        Take(_perCredential, caller.CredentialPartition, "credential_rate_limited", "too many calls with this credential");
        if (caller.OperatorId is not null && caller.TraderId is not null)
        {
            Take(_perAddress, caller.AccountKey, "address_rate_limited", "too many calls for this trader address");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _perCredential.Dispose();
        _perAddress.Dispose();
        _anonymous.Dispose();
    }

    private static void Take(PartitionedRateLimiter<string> limiter, string partition, string code, string message)
    {
        using var lease = limiter.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return;
        }

        TimeSpan? retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
        throw new ApiException(new ApiError(ApiErrorKind.ResourceExhausted, code, string.Empty, message, retry));
    }

    private static PartitionedRateLimiter<string> Partitioned(TokenBucketSettings settings) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, settings.Burst),
            TokensPerPeriod = Math.Max(1, settings.PermitsPerPeriod),
            ReplenishmentPeriod = settings.Period > TimeSpan.Zero ? settings.Period : TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static string PeerHost(string peer)
    {
        // "ipv4:127.0.0.1:53412" -> "ipv4:127.0.0.1": one bucket per address, not per connection
        var colon = peer.LastIndexOf(':');
        return colon > 5 ? peer[..colon] : peer;
    }
}
