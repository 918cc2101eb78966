namespace PerpStudio.Venues.Hyperliquid.RateLimits;

/// <summary>A request could not be sent without exceeding the venue's limit within the wait the caller allows.</summary>
public sealed class RateLimitExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RateLimitExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RateLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RateLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long until the request would fit.</summary>
    public TimeSpan RetryAfter { get; init; }
}

/// <summary>
/// A sliding-window weight budget (Hyperliquid: 1200 a minute per IP). A request is admitted only when the weight
/// spent over the last window plus its own stays within the budget, so the venue's limit is never exceeded; otherwise
/// the caller waits until enough weight leaves the window, or, when that would take longer than it allows, gets a
/// <see cref="RateLimitExceededException"/> saying how long.
/// </summary>
public sealed class WeightedRateLimiter
{
    private readonly TimeProvider _time;
    private readonly Queue<(long At, int Weight)> _spent = new();
    private readonly Lock _lock = new();
    private int _inWindow;

    /// <summary>Creates a limiter.</summary>
    /// <param name="budget">Weight allowed per window.</param>
    /// <param name="window">The window.</param>
    /// <param name="time">The clock.</param>
    /// <param name="maxWait">The longest a caller waits before it is refused.</param>
    public WeightedRateLimiter(int budget, TimeSpan window, TimeProvider time, TimeSpan maxWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1);
        Budget = budget;
        Window = window;
        MaxWait = maxWait;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Weight allowed per window.</summary>
    public int Budget { get; }

    /// <summary>The window.</summary>
    public TimeSpan Window { get; }

    /// <summary>The longest a caller waits.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Weight spent within the current window.</summary>
    public int Spent
    {
        get
        {
            lock (_lock)
            {
                Expire(_time.GetUtcNow().ToUnixTimeMilliseconds());
                return _inWindow;
            }
        }
    }

    /// <summary>Admits a request of <paramref name="weight"/> now, or waits until it fits.</summary>
    /// <exception cref="RateLimitExceededException">It would not fit within <see cref="MaxWait"/>, or is heavier than the whole budget.</exception>
    public async ValueTask AcquireAsync(int weight, CancellationToken cancellationToken)
    {
        if (weight > Budget)
        {
            throw new RateLimitExceededException($"a request of weight {weight} exceeds the whole budget of {Budget} per {Window}");
        }

        var waited = TimeSpan.Zero;
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                Expire(now);
                if (_inWindow + weight <= Budget)
                {
                    _spent.Enqueue((now, weight));
                    _inWindow += weight;
                    return;
                }

                wait = TimeUntilFits(now, weight);
            }

            if (waited + wait > MaxWait)
            {
                throw new RateLimitExceededException(
                    $"rate limit: {Spent} of {Budget} weight spent in the last {Window.TotalSeconds:0}s; a request of weight {weight} fits in {wait.TotalMilliseconds:0} ms, beyond the {MaxWait.TotalMilliseconds:0} ms allowed")
                {
                    RetryAfter = wait,
                };
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            waited += wait;
        }
    }

    /// <summary>Counts weight the venue charged after the fact (an /info answer's items) without waiting.</summary>
    public void Charge(int weight)
    {
        if (weight <= 0)
        {
            return;
        }

        lock (_lock)
        {
            _spent.Enqueue((_time.GetUtcNow().ToUnixTimeMilliseconds(), weight));
            _inWindow += weight;
        }
    }

    private void Expire(long now)
    {
        var horizon = now - (long)Window.TotalMilliseconds;
        while (_spent.Count > 0 && _spent.Peek().At <= horizon)
        {
            _inWindow -= _spent.Dequeue().Weight;
        }
    }

    private TimeSpan TimeUntilFits(long now, int weight)
    {
        var excess = _inWindow + weight - Budget;
        foreach (var (at, w) in _spent)
        {
            excess -= w;
            if (excess <= 0)
            {
                return TimeSpan.FromMilliseconds(Math.Max(1, at + (long)Window.TotalMilliseconds - now + 1));
            }
        }

        return Window;
    }
}
