namespace PerpStudio.Venues.Hyperliquid.Nonces;

/// <summary>
/// Hands out the nonces of one signer: millisecond timestamps from a <see cref="TimeProvider"/>, strictly increasing
/// across threads and across restarts. Hyperliquid keeps each signer's 100 highest nonces and accepts a new one only
/// when it is above the smallest of them, unused, and within (T - 2 days, T + 1 day) of its block time T.
/// <para>
/// A restart must never reuse a nonce, yet writing the store for every order would put a disk flush on the order
/// path: the source reserves a block of time ahead (<see cref="ReserveAhead"/>) in the store and only writes again
/// when it has used the block up. After a restart it begins above the reserved ceiling.
/// </para>
/// </summary>
public sealed class NonceSource
{
    /// <summary>How far ahead of the clock a nonce may run before the venue would refuse it (less than its one day).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromHours(12);

    private readonly TimeProvider _time;
    private readonly INonceStore _store;
    private readonly Lock _lock = new();
    private long _last;
    private long _reservedUpTo;

    /// <summary>Creates the source and reads the stored high-water mark.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="store">Where the high-water mark persists.</param>
    /// <param name="reserveAhead">How much time a single store write covers; default 10 seconds.</param>
    public NonceSource(TimeProvider time, INonceStore store, TimeSpan? reserveAhead = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ReserveAhead = reserveAhead ?? TimeSpan.FromSeconds(10);
        _last = store.Load() ?? 0;
        _reservedUpTo = _last;
    }

    /// <summary>How much time a single store write covers.</summary>
    public TimeSpan ReserveAhead { get; }

    /// <summary>The last nonce handed out (or the stored mark after a restart).</summary>
    public long Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>The next nonce: the clock's milliseconds, or one more than the last nonce when the clock has not moved on.</summary>
    /// <exception cref="InvalidOperationException">The nonces have run further ahead of the clock than the venue accepts.</exception>
    public long Next()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var candidate = Math.Max(now, _last + 1);
            if (candidate - now > (long)MaxAhead.TotalMilliseconds)
            {
                throw new InvalidOperationException(
                    $"nonce {candidate} would be {candidate - now} ms ahead of the clock ({now}); Hyperliquid refuses nonces more than a day ahead");
            }

            if (candidate > _reservedUpTo)
            {
                var ceiling = candidate + (long)ReserveAhead.TotalMilliseconds;
                _store.Save(ceiling);
                _reservedUpTo = ceiling;
            }

            _last = candidate;
            return candidate;
        }
    }
}
