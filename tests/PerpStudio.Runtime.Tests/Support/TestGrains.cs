using System.Collections.Immutable;

namespace PerpStudio.Runtime.Tests.Support;

/// <summary>The state of <see cref="CounterGrain"/>.</summary>
public sealed record CounterState
{
    /// <summary>The count.</summary>
    public int Count { get; init; }

    /// <summary>What the count was when the activation started.</summary>
    public ImmutableList<string> History { get; init; } = [];
}

/// <summary>A persisted counter with observable turns.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Read-modify-write with awaits inside the turn; returns the new count.</summary>
    Task<int> IncrementAsync();

    /// <summary>The count.</summary>
    ValueTask<int> PeekAsync();

    /// <summary>The count seen by OnActivateAsync of this activation.</summary>
    Task<int> CountAtActivationAsync();

    /// <summary>An id of this activation.</summary>
    Task<Guid> ActivationIdAsync();

    /// <summary>Throws <see cref="InvalidOperationException"/> with the message after an await.</summary>
    Task FailAsync(string message);

    /// <summary>Throws <see cref="ArgumentException"/> before returning a task.</summary>
    Task<int> FailSynchronouslyAsync(string message);

    /// <summary>Asks for deactivation after this turn.</summary>
    ValueTask DeactivateAsync();
}

/// <summary>Implements <see cref="ICounterGrain"/>.</summary>
public sealed class CounterGrain(
    [PersistentState("counter", "store")] IPersistentState<CounterState> state,
    GrainProbe probe) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private int _countAtActivation = -1;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        probe.Count("activate " + key);
        if (probe.FailActivation.TryRemove(key, out _))
        {
            throw new InvalidOperationException($"activation of {key} refused");
        }

        _countAtActivation = state.State.Count;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        probe.Deactivations[key] = reason;
        probe.Signal("deactivated " + key);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<int> IncrementAsync()
    {
        var key = this.GetPrimaryKeyString();
        probe.Enter(key);
        var before = state.State.Count;
        await Task.Yield();
        state.State = state.State with { Count = before + 1 };
        await state.WriteStateAsync();
        await Task.Yield();
        probe.Exit(key);
        return state.State.Count;
    }

    /// <inheritdoc/>
    public ValueTask<int> PeekAsync() => ValueTask.FromResult(state.State.Count);

    /// <inheritdoc/>
    public Task<int> CountAtActivationAsync() => Task.FromResult(_countAtActivation);

    /// <inheritdoc/>
    public Task<Guid> ActivationIdAsync() => Task.FromResult(_activationId);

    /// <inheritdoc/>
    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    /// <inheritdoc/>
    public Task<int> FailSynchronouslyAsync(string message) => throw new ArgumentException(message);

    /// <inheritdoc/>
    public ValueTask DeactivateAsync()
    {
        DeactivateOnIdle();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Calls other grains.</summary>
public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Increments a counter grain <paramref name="times"/> times and returns its last count.</summary>
    Task<int> IncrementCounterAsync(string counterKey, int times);

    /// <summary>Calls <paramref name="otherKey"/>'s <see cref="PongAsync"/>, which calls this grain back: a cycle.</summary>
    Task<string> PingAsync(string otherKey);

    /// <summary>Calls the caller's <see cref="EchoAsync"/>.</summary>
    Task<string> PongAsync(string callerKey);

    /// <summary>Answers "echo".</summary>
    Task<string> EchoAsync();

    /// <summary>Waits for the probe gate <paramref name="gate"/>, then answers it.</summary>
    Task<string> WaitForGateAsync(string gate);
}

/// <summary>Implements <see cref="IRelayGrain"/>.</summary>
public sealed class RelayGrain(GrainProbe probe, IGrainContext context) : Grain, IRelayGrain
{
    /// <inheritdoc/>
    public async Task<int> IncrementCounterAsync(string counterKey, int times)
    {
        var counter = GrainFactory.GetGrain<ICounterGrain>(counterKey);
        var last = 0;
        for (var i = 0; i < times; i++)
        {
            last = await counter.IncrementAsync();
        }

        return last;
    }

    /// <inheritdoc/>
    public Task<string> PingAsync(string otherKey) => GrainFactory.GetGrain<IRelayGrain>(otherKey).PongAsync(context.GrainId.Key);

    /// <inheritdoc/>
    public async Task<string> PongAsync(string callerKey)
    {
        var echo = GrainFactory.GetGrain<IRelayGrain>(callerKey).EchoAsync();
        probe.Signal("pong called back " + callerKey);
        return await echo;
    }

    /// <inheritdoc/>
    public Task<string> EchoAsync() => Task.FromResult("echo");

    /// <inheritdoc/>
    public async Task<string> WaitForGateAsync(string gate)
    {
        await probe.Gate(gate);
        return gate;
    }
}

/// <summary>Ticks a timer.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    /// <summary>Starts a timer; when <paramref name="holdFirstTick"/> the first tick waits for the gate "release tick 1".</summary>
    Task StartAsync(TimeSpan period, bool holdFirstTick, bool failEveryTick);

    /// <summary>Stops the timer.</summary>
    Task StopAsync();

    /// <summary>A call that records its turn.</summary>
    Task TouchAsync();

    /// <summary>How many ticks ran.</summary>
    Task<int> TicksAsync();
}

/// <summary>Implements <see cref="ITickerGrain"/>.</summary>
public sealed class TickerGrain(GrainProbe probe) : Grain, ITickerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;

    /// <inheritdoc/>
    public Task StartAsync(TimeSpan period, bool holdFirstTick, bool failEveryTick)
    {
        _timer = RegisterGrainTimer(
            async (hold, cancellationToken) =>
            {
                probe.Enter("tick");
                var n = ++_ticks;
                probe.Signal($"tick {n}");
                if (hold && n == 1)
                {
                    await probe.Gate("release tick 1");
                }

                await Task.Yield();
                probe.Exit("tick");
                if (failEveryTick)
                {
                    throw new InvalidOperationException($"tick {n} failed");
                }
            },
            holdFirstTick,
            period,
            period);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task TouchAsync()
    {
        probe.Enter("call");
        await Task.Yield();
        probe.Exit("call");
    }

    /// <inheritdoc/>
    public Task<int> TicksAsync() => Task.FromResult(_ticks);

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal("deactivated " + this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}

/// <summary>A grain whose state lives in a storage nobody registered.</summary>
public interface IMisconfiguredGrain : IGrainWithStringKey
{
    /// <summary>Never reached.</summary>
    Task PingAsync();
}

/// <summary>Implements <see cref="IMisconfiguredGrain"/>.</summary>
public sealed class MisconfiguredGrain([PersistentState("x", "nowhere")] IPersistentState<CounterState> state) : Grain, IMisconfiguredGrain
{
    /// <inheritdoc/>
    public Task PingAsync() => Task.FromResult(state.State.Count);
}

/// <summary>A grain interface with a method the runtime cannot call asynchronously.</summary>
public interface ISynchronousGrain : IGrainWithStringKey
{
    /// <summary>Not a valid grain method.</summary>
    int Now();
}

/// <summary>Implements <see cref="ISynchronousGrain"/>.</summary>
public sealed class SynchronousGrain : Grain, ISynchronousGrain
{
    /// <inheritdoc/>
    public int Now() => 1;
}

/// <summary>An interface nobody implements.</summary>
public interface IUnregisteredGrain : IGrainWithStringKey
{
    /// <summary>Never reached.</summary>
    Task PingAsync();
}
