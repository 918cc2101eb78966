namespace PerpStudio.Runtime.Core;

/// <summary>A local call waiting for its response, linked into <see cref="CallDeadlines"/> without an allocation of its own.</summary>
internal abstract class TimedCall : Turn
{
    /// <summary>When the call was made (the clock's timestamp).</summary>
    internal long Started;

    internal TimedCall? Earlier;

    internal TimedCall? Later;

    internal bool Tracked;

    /// <summary>The response timeout passed: fail the caller (the turn itself goes on; its late result is dropped).</summary>
    public abstract void TimeOut(TimeSpan timeout);
}

/// <summary>
/// The response timeouts of local calls. Every call gets the same timeout, so calls expire in the order they were made:
/// they wait in one list, oldest first, and one timer is armed for the oldest. A call leaves the list when it ends.
/// This replaces a timer and a cancellation registration per call (what <c>Task.WaitAsync</c> costs) with two list
/// links, and a caller still learns of the timeout the moment it passes.
/// </summary>
internal sealed class CallDeadlines : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeout;
    private readonly ITimer _timer;
    private TimedCall? _oldest;
    private TimedCall? _newest;
    private bool _armed;

    public CallDeadlines(TimeProvider clock, TimeSpan timeout)
    {
        _clock = clock;
        _timeout = timeout;
        _timer = clock.CreateTimer(static s => ((CallDeadlines)s!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Calls waiting now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                var n = 0;
                for (var c = _oldest; c is not null; c = c.Later)
                {
                    n++;
                }

                return n;
            }
        }
    }

    /// <summary>Starts the clock of a call.</summary>
    public void Track(TimedCall call)
    {
        bool arm;
        lock (_lock)
        {
            // stamped inside the lock: the list stays ordered by deadline
            call.Started = _clock.GetTimestamp();
            call.Tracked = true;
            call.Earlier = _newest;
            if (_newest is null)
            {
                _oldest = call;
            }
            else
            {
                _newest.Later = call;
            }

            _newest = call;
            arm = !_armed;
            _armed = true;
        }

        if (arm)
        {
            _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The call ended (answered, failed or timed out): stop its clock.</summary>
    public void Untrack(TimedCall call)
    {
        lock (_lock)
        {
            Unlink(call);
        }
    }

    public ValueTask DisposeAsync() => _timer.DisposeAsync();

    /// <summary>What a caller of <paramref name="method"/> on <paramref name="grainId"/> gets when no response came within <paramref name="timeout"/>.</summary>
    public static TimeoutException NoResponse(System.Reflection.MethodInfo method, GrainId grainId, TimeSpan timeout) => new(
        $"{method.DeclaringType!.Name}.{method.Name} on {grainId} got no response within {timeout} " +
        "(a slow turn, a busy activation, or a call cycle: grains are not reentrant)");

    private void Expire()
    {
        List<TimedCall>? expired = null;
        TimeSpan next;
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            while (_oldest is { } call && _clock.GetElapsedTime(call.Started, now) >= _timeout)
            {
                Unlink(call);
                (expired ??= []).Add(call);
            }

            if (_oldest is null)
            {
                _armed = false;
                next = Timeout.InfiniteTimeSpan;
            }
            else
            {
                next = _timeout - _clock.GetElapsedTime(_oldest.Started, now);
            }
        }

        if (next != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(next, Timeout.InfiniteTimeSpan);
        }

        foreach (var call in expired ?? [])
        {
            call.TimeOut(_timeout);
        }
    }

    private void Unlink(TimedCall call)
    {
        if (!call.Tracked)
        {
            return;
        }

        call.Tracked = false;
        if (call.Earlier is null)
        {
            _oldest = call.Later;
        }
        else
        {
            call.Earlier.Later = call.Later;
        }

        if (call.Later is null)
        {
            _newest = call.Earlier;
        }
        else
        {
            call.Later.Earlier = call.Earlier;
        }

        call.Earlier = null;
        call.Later = null;
    }
}
