using PerpStudio.Runtime.Diagnostics;

namespace PerpStudio.Runtime.Core;

/// <summary>
/// A grain timer on the runtime's <see cref="TimeProvider"/>. When it comes due it queues a <see cref="TimerTurn"/>;
/// the next tick is armed as that turn starts, and a tick due while one is still queued or running is coalesced into
/// one tick right after it, so ticks never overlap each other or a call.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly GrainActivation _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private TimeSpan _period;
    private bool _disposed;
    private bool _inFlight;
    private bool _dueWhileInFlight;

    public GrainTimer(GrainActivation activation, Func<object?, CancellationToken, Task> callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _period = period;
        _timer = activation.Runtime.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _period = period;
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    public async Task TickAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                _inFlight = false;
                return;
            }

            if (_period != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }

        try
        {
            await _callback(_state, _activation.LifetimeToken);
        }
        catch (Exception exception)
        {
            RuntimeLog.TimerTickFailed(_activation.Runtime.Logger, exception, _activation.GrainId);
        }

        bool again;
        lock (_lock)
        {
            again = _dueWhileInFlight && !_disposed;
            _dueWhileInFlight = false;
            _inFlight = again;
        }

        if (again)
        {
            Enqueue();
        }
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "due time must be zero or more, or Timeout.InfiniteTimeSpan");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "period must be positive, or Timeout.InfiniteTimeSpan");
        }
    }

    private void OnDue()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (_inFlight)
            {
                _dueWhileInFlight = true;
                return;
            }

            _inFlight = true;
        }

        Enqueue();
    }

    private void Enqueue()
    {
        if (!_activation.TryEnqueue(new TimerTurn(this)))
        {
            // The activation is going away; its deactivation disposes this timer.
            lock (_lock)
            {
                _inFlight = false;
            }
        }
    }
}
