using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.RateLimits;

/// <summary>
/// Hyperliquid's per-address action budget: one request per USDC of cumulative volume plus an initial buffer
/// (<c>userRateLimit</c> reports used and cap). When it is used up the venue still admits one request every
/// 10 seconds; this budget admits the same and refuses the rest with the time to wait, instead of letting the venue
/// reject them.
/// </summary>
public sealed class AddressRequestBudget
{
    /// <summary>How often a limited address may still act.</summary>
    public static readonly TimeSpan LimitedInterval = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private long? _remaining;
    private DateTimeOffset _lastLimitedRequest = DateTimeOffset.MinValue;

    /// <summary>Creates a budget that admits everything until the first <see cref="Update"/>.</summary>
    public AddressRequestBudget(TimeProvider time) => _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>Requests left, or null when not known yet.</summary>
    public long? Remaining
    {
        get
        {
            lock (_lock)
            {
                return _remaining;
            }
        }
    }

    /// <summary>Takes the venue's latest figures.</summary>
    public void Update(UserRateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_lock)
        {
            _remaining = limit.Remaining;
        }
    }

    /// <summary>Spends one request, or says how long until one is allowed.</summary>
    public bool TryConsume(out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            retryAfter = TimeSpan.Zero;
            if (_remaining is null or > 0)
            {
                _remaining--;
                return true;
            }

            var now = _time.GetUtcNow();
            var next = _lastLimitedRequest + LimitedInterval;
            if (now >= next)
            {
                _lastLimitedRequest = now;
                return true;
            }

            retryAfter = next - now;
            return false;
        }
    }
}
