using PerpStudio.Runtime.Core;

namespace PerpStudio.Runtime;

/// <summary>
/// Base class of grain implementations (Orleans: <c>Grain</c>). The runtime constructs grains itself, resolving
/// constructor parameters from the service provider, <see cref="PersistentStateAttribute"/> parameters from the named
/// storage, and <see cref="IGrainContext"/> / <see cref="IGrainFactory"/> from the activation.
/// </summary>
/// <remarks>
/// A grain runs one turn at a time: a call, a timer tick or a lifecycle callback runs to completion, including its
/// awaits, before the next one starts. Calls are not reentrant, so a call cycle (A calls B, B calls A) waits on itself
/// and ends with a <see cref="TimeoutException"/> after the response timeout, as it does in Orleans.
/// </remarks>
public abstract class Grain : IAddressable
{
    private readonly GrainActivation _activation;

    /// <summary>Binds the grain to the activation the runtime is constructing it for.</summary>
    protected Grain()
    {
        _activation = GrainActivation.Constructing ?? throw new InvalidOperationException(
            $"{GetType().Name} is a grain: get a reference with IGrainFactory.GetGrain instead of constructing it.");
    }

    /// <summary>The activation this grain lives in.</summary>
    public IGrainContext GrainContext => _activation;

    /// <summary>Creates references to other grains.</summary>
    protected IGrainFactory GrainFactory => _activation.Runtime;

    /// <summary>Runs as the first turn of an activation, after its persistent state has been read.</summary>
    /// <param name="cancellationToken">Cancelled when the runtime gives up on the activation.</param>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn of an activation; its timers are already stopped.</summary>
    /// <param name="reason">Why the activation ends.</param>
    /// <param name="cancellationToken">Cancelled when the runtime gives up on the deactivation.</param>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn (and any turn already queued) completes.</summary>
    protected void DeactivateOnIdle() =>
        _activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));

    /// <summary>
    /// Registers a timer whose ticks run as turns of this activation (never interleaved with calls). The first tick
    /// comes after <paramref name="dueTime"/>, later ones every <paramref name="period"/> from the start of the previous
    /// tick; a tick that comes due while the previous one still runs starts right after it. Timers do not keep an
    /// activation alive and stop when it deactivates; an exception in a tick is logged and the timer goes on.
    /// </summary>
    /// <param name="callback">The tick.</param>
    /// <param name="dueTime">Delay before the first tick; <see cref="Timeout.InfiniteTimeSpan"/> to start stopped.</param>
    /// <param name="period">Delay between ticks; <see cref="Timeout.InfiniteTimeSpan"/> for a single tick.</param>
    protected IGrainTimer RegisterGrainTimer(Func<Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(static (s, _) => ((Func<Task>)s!)(), callback, dueTime, period);
    }

    /// <inheritdoc cref="RegisterGrainTimer(Func{Task}, TimeSpan, TimeSpan)"/>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(static (s, ct) => ((Func<CancellationToken, Task>)s!)(ct), callback, dueTime, period);
    }

    /// <inheritdoc cref="RegisterGrainTimer(Func{Task}, TimeSpan, TimeSpan)"/>
    /// <param name="callback">The tick.</param>
    /// <param name="state">Passed to every tick.</param>
    /// <param name="dueTime">Delay before the first tick.</param>
    /// <param name="period">Delay between ticks.</param>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer((_, ct) => callback(state, ct), null, dueTime, period);
    }
}
