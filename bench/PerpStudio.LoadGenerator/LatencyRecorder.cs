using System.Diagnostics;

namespace PerpStudio.LoadGenerator;

/// <summary>Latencies of one phase (in stopwatch ticks) and the outcome counts; percentiles by sorting at the end.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly List<long> _ticks = new(1 << 20);
    private long _errors;
    private long _missed;

    /// <summary>Whether results are kept (false during warm-up).</summary>
    public bool Recording { get; set; }

    /// <summary>Records one completed operation.</summary>
    public void Record(long elapsedTicks)
    {
        if (!Recording)
        {
            return;
        }

        lock (_gate)
        {
            _ticks.Add(elapsedTicks);
        }
    }

    /// <summary>Counts a failed operation.</summary>
    public void Error()
    {
        if (Recording)
        {
            Interlocked.Increment(ref _errors);
        }
    }

    /// <summary>Counts an operation the schedule offered while every trader was busy.</summary>
    public void Missed()
    {
        if (Recording)
        {
            Interlocked.Increment(ref _missed);
        }
    }

    /// <summary>The phase's summary over <paramref name="measured"/>.</summary>
    public PhaseResult Summarize(string name, TimeSpan measured)
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = [.. _ticks];
        }

        Array.Sort(sorted);
        double Ms(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new PhaseResult(name, sorted.Length, sorted.Length / measured.TotalSeconds, Ms(0.5), Ms(0.9), Ms(0.99),
            sorted.Length == 0 ? 0 : sorted[^1] * 1000.0 / Stopwatch.Frequency, Interlocked.Read(ref _errors), Interlocked.Read(ref _missed));
    }
}

/// <summary>One phase's numbers.</summary>
/// <param name="Name">The phase.</param>
/// <param name="Completed">Operations completed while measuring.</param>
/// <param name="PerSecond">Completed operations per second.</param>
/// <param name="P50">Median latency, ms.</param>
/// <param name="P90">90th percentile, ms.</param>
/// <param name="P99">99th percentile, ms.</param>
/// <param name="Max">Slowest, ms.</param>
/// <param name="Errors">Failed operations.</param>
/// <param name="Missed">Operations offered while every trader was busy (open loop only).</param>
public sealed record PhaseResult(string Name, long Completed, double PerSecond, double P50, double P90, double P99, double Max, long Errors, long Missed)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Name,-22} {Completed,9} ops {PerSecond,9:F0} ops/s  p50 {P50,7:F2} ms  p90 {P90,7:F2} ms  p99 {P99,7:F2} ms  max {Max,8:F2} ms  errors {Errors}  missed {Missed}");
}
