using System.Diagnostics;
using PerpStudio.Runtime.Diagnostics;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Runtime.Core;

/// <summary>
/// One activation of one grain: a queue of turns run one at a time by an async loop that exists only while there is
/// work (no thread or pending task per idle grain). The first turn constructs the grain, reads its persistent states
/// and runs <see cref="Grain.OnActivateAsync"/>; the last runs <see cref="Grain.OnDeactivateAsync"/>.
/// </summary>
internal sealed class GrainActivation : IGrainContext
{
    [ThreadStatic]
    private static GrainActivation? _constructing;

    private readonly GrainClass _class;
    private readonly Lock _lock = new();
    private readonly Queue<Turn> _queue = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly List<IActivationState> _states = [];
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Status _status;
    private bool _running;
    private long _lastActivity;

    public GrainActivation(GrainRuntime runtime, GrainId grainId, GrainClass grainClass)
    {
        Runtime = runtime;
        GrainId = grainId;
        _class = grainClass;
        _lastActivity = runtime.TimeProvider.GetTimestamp();
    }

    private enum Status
    {
        Created,
        Active,
        Deactivating,
        Deactivated,
    }

    /// <summary>The activation whose grain is being constructed on this thread (read by the <see cref="Grain"/> constructor).</summary>
    public static GrainActivation? Constructing => _constructing;

    public GrainRuntime Runtime { get; }

    public GrainId GrainId { get; }

    public object? GrainInstance => Grain;

    public Grain? Grain { get; private set; }

    /// <summary>Cancelled when the activation starts deactivating; passed to timer ticks.</summary>
    public CancellationToken LifetimeToken => _lifetime.Token;

    /// <summary>Completes when the activation is gone (deactivated, or its activation failed).</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Queues a turn; false when the activation no longer accepts work (the caller goes to a new activation).</summary>
    public bool TryEnqueue(Turn turn)
    {
        bool start;
        lock (_lock)
        {
            if (_status >= Status.Deactivating)
            {
                return false;
            }

            _queue.Enqueue(turn);
            if (turn.IsCall)
            {
                _lastActivity = Runtime.TimeProvider.GetTimestamp();
            }

            start = !_running;
            _running = true;
        }

        if (start)
        {
            StartLoop();
        }

        return true;
    }

    public void Deactivate(DeactivationReason reason) => RequestDeactivation(reason, idleFor: null);

    /// <summary>Deactivates if no turn ran or was queued for at least <paramref name="age"/>.</summary>
    public bool DeactivateIfIdle(TimeSpan age) =>
        RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"idle for {age} or more"), age);

    public void DeactivateForStaleState()
    {
        RuntimeLog.StaleStateDeactivation(Runtime.Logger, GrainId);
        Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "a state write lost a race (stale ETag)"));
    }

    public void AddState(IActivationState state) => _states.Add(state);

    public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (_status >= Status.Deactivating)
            {
                throw new InvalidOperationException($"{GrainId} is deactivating: it cannot register timers");
            }

            var timer = new GrainTimer(this, callback, state, dueTime, period);
            _timers.Add(timer);
            return timer;
        }
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>The body of the <see cref="DeactivationTurn"/>.</summary>
    public async Task FinishDeactivationAsync(DeactivationReason reason)
    {
        StopTimers();
        await _lifetime.CancelAsync();
        if (Grain is not null)
        {
            try
            {
                await Grain.OnDeactivateAsync(reason, CancellationToken.None);
            }
            catch (Exception exception)
            {
                RuntimeLog.DeactivationFailed(Runtime.Logger, exception, GrainId);
            }

            Runtime.Instruments.Deactivated(GrainId.Type, reason.ReasonCode);
        }

        List<Turn> leftovers;
        lock (_lock)
        {
            _status = Status.Deactivated;
            leftovers = [.. _queue];
            _queue.Clear();
        }

        Runtime.Remove(this);
        _deactivated.TrySetResult();
        foreach (var turn in leftovers)
        {
            Runtime.Post(GrainId, _class, turn);
        }
    }

    /// <summary>Stops timers and cancels the lifetime token without a deactivation turn (runtime disposal).</summary>
    public async Task AbandonAsync()
    {
        StopTimers();
        await _lifetime.CancelAsync();
    }

    private bool RequestDeactivation(DeactivationReason reason, TimeSpan? idleFor)
    {
        bool start;
        lock (_lock)
        {
            if (_status >= Status.Deactivating)
            {
                return false;
            }

            if (idleFor is { } age &&
                (_status != Status.Active || _running || _queue.Count > 0 || Runtime.TimeProvider.GetElapsedTime(_lastActivity) < age))
            {
                return false;
            }

            _status = Status.Deactivating;
            _queue.Enqueue(new DeactivationTurn(reason));
            start = !_running;
            _running = true;
        }

        if (start)
        {
            StartLoop();
        }

        return true;
    }

    private void StartLoop() =>
        // Not on the caller's stack or execution context: a turn must not inherit the caller's locals or delay it.
        ThreadPool.UnsafeQueueUserWorkItem(static a => _ = a.RunTurnsAsync(), this, preferLocal: false);

    private async Task RunTurnsAsync()
    {
        while (true)
        {
            Turn? turn;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out turn))
                {
                    _running = false;
                    return;
                }
            }

            // Only the caller's span flows into the turn (not its whole execution context, whose other locals would
            // leak into the grain), and it is cleared after, so the next turn of this loop does not inherit it.
            Activity.Current = turn.CallerActivity;
            try
            {
                if (Grain is null && turn is not DeactivationTurn && !await TryActivateAsync(turn))
                {
                    return;
                }

                await turn.RunAsync(this);
            }
            finally
            {
                Activity.Current = null;
            }

            bool idle;
            lock (_lock)
            {
                if (turn.IsCall)
                {
                    _lastActivity = Runtime.TimeProvider.GetTimestamp();
                }

                idle = _queue.Count == 0;
                if (idle)
                {
                    _running = false;
                }
            }

            turn.Complete();
            if (idle)
            {
                return;
            }
        }
    }

    private async Task<bool> TryActivateAsync(Turn first)
    {
        try
        {
            _constructing = this;
            try
            {
                Grain = _class.Activator.Create(this, Runtime.Services);
            }
            finally
            {
                _constructing = null;
            }

            foreach (var state in _states)
            {
                await state.ReadStateAsync(_lifetime.Token);
            }

            await Grain.OnActivateAsync(_lifetime.Token);
            lock (_lock)
            {
                if (_status == Status.Created)
                {
                    _status = Status.Active;
                }
            }

            Runtime.Instruments.Activated(GrainId.Type);
            return true;
        }
        catch (Exception exception)
        {
            RuntimeLog.ActivationFailed(Runtime.Logger, exception, GrainId);
            StopTimers();
            List<Turn> queued;
            lock (_lock)
            {
                _status = Status.Deactivated;
                _running = false;
                queued = [.. _queue];
                _queue.Clear();
            }

            Runtime.Remove(this);
            _deactivated.TrySetResult();
            first.Fail(exception);
            foreach (var turn in queued)
            {
                turn.Fail(exception);
            }

            return false;
        }
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
