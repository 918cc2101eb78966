using System.Collections.Concurrent;

namespace PerpStudio.Runtime.Tests.Support;

/// <summary>What test grains report: turn boundaries, lifecycle events, and named signals and gates to await.</summary>
public sealed class GrainProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private int _insideTurn;
    private int _overlaps;

    /// <summary>Turn boundaries in the order they happened.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>How many times a turn began while another was still inside (must stay 0).</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>Set by tests to make the next activation of a grain fail.</summary>
    public ConcurrentDictionary<string, bool> FailActivation { get; } = new();

    /// <summary>Reasons of deactivations, by grain key.</summary>
    public ConcurrentDictionary<string, DeactivationReason> Deactivations { get; } = new();

    /// <summary>Marks the start of a turn.</summary>
    public void Enter(string who)
    {
        if (Interlocked.Increment(ref _insideTurn) != 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        Events.Enqueue("enter " + who);
    }

    /// <summary>Marks the end of a turn.</summary>
    public void Exit(string who)
    {
        Events.Enqueue("exit " + who);
        Interlocked.Decrement(ref _insideTurn);
    }

    /// <summary>Counts an occurrence of <paramref name="what"/>.</summary>
    public int Count(string what) => _counts.AddOrUpdate(what, 1, static (_, n) => n + 1);

    /// <summary>How many times <paramref name="what"/> occurred.</summary>
    public int CountOf(string what) => _counts.GetValueOrDefault(what);

    /// <summary>Completes the signal (and the gate) named <paramref name="name"/>.</summary>
    public void Signal(string name) => Source(name).TrySetResult();

    /// <summary>Completes when <paramref name="name"/> is signalled; fails the test if that takes more than 10 s of real time.</summary>
    public Task WhenSignaled(string name) => Source(name).Task.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>A gate a grain awaits until the test opens it with <see cref="Signal"/>.</summary>
    public Task Gate(string name) => Source(name).Task;

    private TaskCompletionSource Source(string name) =>
        _signals.GetOrAdd(name, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
