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

    /// <summary>The activation could not be created: tell the caller.</summary>
    public virtual void Fail(Exception exception)
    {
    }
}

/// <summary>A grain method call and the caller's pending response.</summary>
internal sealed class CallTurn<T>(MethodDispatcher<T> method, object?[] arguments) : Turn
{
    // Callers continue on the thread pool, not inside this activation's turn loop.
    private readonly TaskCompletionSource<T> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Captured on the caller's side: the turn loop runs without the caller's execution context.
    private readonly Activity? _callerActivity = Activity.Current;

    public Task<T> Response => _response.Task;

    public override bool IsCall => true;

    public override Activity? CallerActivity => _callerActivity;

    public override async Task RunAsync(GrainActivation activation)
    {
        try
        {
            var pending = method.Invoker(activation.Grain!, arguments);
            await pending;
            _response.TrySetResult(method.ResultOf(pending));
        }
        catch (Exception exception)
        {
            if (exception is InconsistentStateException)
            {
                // Like Orleans: state that lost a write race is stale, so the next call must reload it.
                activation.DeactivateForStaleState();
            }

            _response.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception) => _response.TrySetException(exception);
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
