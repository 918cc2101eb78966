using System.Diagnostics;

namespace PerpStudio.LoadGenerator;

/// <summary>Latencies of one phase (in stopwatch ticks) and the outcome counts; percentiles by sorting at the end.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly List<long> _ticks = new(1 << 20);
    private long _errors;
    private long _missed;
    private int _recording;
    private TimeSpan _cpuAtStart;
    private TimeSpan _cpuAtStop;
    private long _allocatedAtStart;
    private long _allocatedAtStop;

    /// <summary>
    /// Whether results are kept (false during warm-up). Switching it on and off also reads the process's CPU time, so a
    /// phase reports CPU per operation: a figure the other loads of a shared machine barely move, unlike wall time.
    /// </summary>
    public bool Recording
    {
        get => Volatile.Read(ref _recording) == 1;
        set
        {
            if (value && Interlocked.CompareExchange(ref _recording, 1, 0) == 0)
            {
                _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
                _allocatedAtStart = GC.GetTotalAllocatedBytes();
            }
            else if (!value && Interlocked.CompareExchange(ref _recording, 0, 1) == 1)
            {
                _cpuAtStop = Process.GetCurrentProcess().TotalProcessorTime;
                _allocatedAtStop = GC.GetTotalAllocatedBytes();
            }
        }
    }

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
        var cpu = (_cpuAtStop > _cpuAtStart ? _cpuAtStop : Process.GetCurrentProcess().TotalProcessorTime) - _cpuAtStart;
        var allocated = (_allocatedAtStop > _allocatedAtStart ? _allocatedAtStop : GC.GetTotalAllocatedBytes()) - _allocatedAtStart;
        return new PhaseResult(name, sorted.Length, sorted.Length / measured.TotalSeconds, Ms(0.5), Ms(0.9), Ms(0.99),
            sorted.Length == 0 ? 0 : sorted[^1] * 1000.0 / Stopwatch.Frequency, Interlocked.Read(ref _errors), Interlocked.Read(ref _missed))
        {
            CpuPerOperation = sorted.Length == 0 ? 0 : cpu.TotalMicroseconds / sorted.Length,
            AllocatedPerOperation = sorted.Length == 0 ? 0 : allocated / sorted.Length,
        };
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
        FormattableString.Invariant($"{Name,-22} {Completed,9} ops {PerSecond,9:F0} ops/s  p50 {P50,7:F2} ms  p90 {P90,7:F2} ms  p99 {P99,7:F2} ms  max {Max,8:F2} ms  errors {Errors}  missed {Missed}  cpu {CpuPerOperation,6:F0} us/op (2 idle cores: {CoreCapacity,6:F0} ops/s)  alloc {AllocatedPerOperation / 1024.0,6:F1} KB/op");

    /// <summary>Process CPU time (host and generator together) per completed operation while measuring, in microseconds.</summary>
    public double CpuPerOperation { get; init; }

    /// <summary>Bytes the process allocated per completed operation while measuring (host and generator): steady under load.</summary>
    public long AllocatedPerOperation { get; init; }

    /// <summary>What two otherwise idle cores could complete at that CPU cost: the throughput ceiling this build has here.</summary>
    public double CoreCapacity => CpuPerOperation <= 0 ? 0 : 2_000_000 / CpuPerOperation;
}
