using System.Diagnostics;

namespace PerpStudio.Host.Routing;

/// <summary>
/// Cumulative time the order gateway spends per step (routing plan, execution at the venues, cancels): what the load
/// generator reads to say where an order's time goes besides the API and the account grain.
/// </summary>
public sealed class GatewayTimings
{
    private long _planTicks;
    private long _plans;
    private long _executeTicks;
    private long _executes;
    private long _cancelTicks;
    private long _cancels;

    /// <summary>Adds one plan's duration.</summary>
    public void Plan(long ticks) => Add(ref _planTicks, ref _plans, ticks);

    /// <summary>Adds one execution's duration.</summary>
    public void Execute(long ticks) => Add(ref _executeTicks, ref _executes, ticks);

    /// <summary>Adds one cancel's duration.</summary>
    public void Cancel(long ticks) => Add(ref _cancelTicks, ref _cancels, ticks);

    /// <summary>Forgets everything counted so far.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _planTicks, 0);
        Interlocked.Exchange(ref _plans, 0);
        Interlocked.Exchange(ref _executeTicks, 0);
        Interlocked.Exchange(ref _executes, 0);
        Interlocked.Exchange(ref _cancelTicks, 0);
        Interlocked.Exchange(ref _cancels, 0);
    }

    /// <summary>Mean milliseconds per plan, execution and cancel, with counts.</summary>
    public override string ToString() =>
        FormattableString.Invariant(
            $"router plan {Mean(_planTicks, _plans):F3} ms x{_plans}, venue execution {Mean(_executeTicks, _executes):F3} ms x{_executes}, cancel at venues {Mean(_cancelTicks, _cancels):F3} ms x{_cancels}");

    private static double Mean(long ticks, long count) => count == 0 ? 0 : ticks * 1000.0 / Stopwatch.Frequency / count;

    private static void Add(ref long ticks, ref long count, long elapsed)
    {
        Interlocked.Add(ref ticks, elapsed);
        Interlocked.Increment(ref count);
    }
}
