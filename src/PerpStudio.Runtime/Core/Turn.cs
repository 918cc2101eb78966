using System.Diagnostics;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Runtime.Core;

/// <summary>One unit of work of an activation: a call, a timer tick or the deactivation. Turns of one activation never overlap.</summary>
internal abstract class Turn
{
    /// <summary>Whether the turn counts as activity for idle collection (calls do, timer ticks do not).</summary>
    public virtual bool IsCall => false;

    /// <summary>The caller's span, made current while the turn runs so spans the grain starts join the caller's trace.</summary>
    public virtual Activity? CallerActivity => null;

    /// <summary>Runs the turn; never throws (outcomes go to the turn's caller or the log).</summary>
    public abstract Task RunAsync(GrainActivation activation);

    /// <summary>
    /// Tells the caller how the turn ended; the loop calls it after it recorded the turn's end, so a caller that sees
    /// its response sees an activation that is already idle (if nothing else was queued).
    /// </summary>
    public virtual void Complete()
    {
    }

    /// <summary>The activation could not be created: tell the caller.</summary>
    public virtual void Fail(Exception exception)
    {
    }
}

/// <summary>A grain method call and the caller's pending response.</summary>
/// <param name="method">The method called.</param>
/// <param name="arguments">Its arguments.</param>
/// <param name="grainId">The grain called (named in a timeout).</param>
/// <param name="deadlines">Where the call's response timeout runs; the call leaves it when it ends.</param>
internal sealed class CallTurn<T>(MethodDispatcher<T> method, object?[] arguments, GrainId grainId, CallDeadlines deadlines, Action<string> timedOut) : TimedCall
{
    // Callers continue on the thread pool, not inside this activation's turn loop.
    private readonly TaskCompletionSource<T> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Captured on the caller's side: the turn loop runs without the caller's execution context.
    private readonly Activity? _callerActivity = Activity.Current;

    private T? _result;
    private Exception? _error;

    public Task<T> Response => _response.Task;

    public override bool IsCall => true;

    public override Activity? CallerActivity => _callerActivity;

    public override async Task RunAsync(GrainActivation activation)
    {
        try
        {
            var pending = method.Invoker(activation.Grain!, arguments);
            await pending;
            _result = method.ResultOf(pending);
        }
        catch (Exception exception)
        {
            if (exception is InconsistentStateException)
            {
                // Like Orleans: state that lost a write race is stale, so the next call must reload it.
                activation.DeactivateForStaleState();
            }

            _error = exception;
        }
    }

    public override void Complete()
    {
        deadlines.Untrack(this);
        if (_error is null)
        {
            _response.TrySetResult(_result!);
        }
        else
        {
            _response.TrySetException(_error);
        }
    }

    public override void Fail(Exception exception)
    {
        deadlines.Untrack(this);
        _response.TrySetException(exception);
    }

    public override void TimeOut(TimeSpan timeout)
    {
        if (_response.Task.IsCompleted)
        {
            return;
        }

        timedOut(grainId.Type);
        _response.TrySetException(CallDeadlines.NoResponse(method.Method, grainId, timeout));
    }
}

/// <summary>A tick of a grain timer.</summary>
internal sealed class TimerTurn(GrainTimer timer) : Turn
{
    public override Task RunAsync(GrainActivation activation) => timer.TickAsync();
}

/// <summary>The last turn of an activation.</summary>
internal sealed class DeactivationTurn(DeactivationReason reason) : Turn
{
    public override Task RunAsync(GrainActivation activation) => activation.FinishDeactivationAsync(reason);
}
