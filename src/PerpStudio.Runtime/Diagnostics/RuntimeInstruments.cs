using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PerpStudio.Runtime.Diagnostics;

/// <summary>
/// The runtime's metrics on the meter <see cref="MeterName"/>: activations, deactivations, call timeouts and
/// storage latency. Subscribe by meter name (an OpenTelemetry MeterProvider or a <see cref="MeterListener"/>).
/// </summary>
public sealed class RuntimeInstruments
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "PerpStudio.Runtime";

    private readonly Counter<long> _activations;
    private readonly Counter<long> _deactivations;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _callTimeouts;
    private readonly Histogram<double> _storageRead;
    private readonly Histogram<double> _storageWrite;
    private readonly Counter<long> _storageConflicts;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The service provider's meter factory (one meter per runtime).</param>
    public RuntimeInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _activations = Meter.CreateCounter<long>("perpstudio.runtime.activations", "{activation}", "Grain activations created");
        _deactivations = Meter.CreateCounter<long>("perpstudio.runtime.deactivations", "{activation}", "Grain activations ended");
        _active = Meter.CreateUpDownCounter<long>("perpstudio.runtime.activations.active", "{activation}", "Grain activations alive now");
        _callTimeouts = Meter.CreateCounter<long>("perpstudio.runtime.calls.timeouts", "{call}", "Grain calls that got no response in time");
        _storageRead = Meter.CreateHistogram<double>("perpstudio.runtime.storage.read.duration", "s", "Grain state read latency");
        _storageWrite = Meter.CreateHistogram<double>("perpstudio.runtime.storage.write.duration", "s", "Grain state write and clear latency");
        _storageConflicts = Meter.CreateCounter<long>("perpstudio.runtime.storage.conflicts", "{write}", "Writes rejected for a stale ETag");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter { get; }

    internal void Activated(string grainType)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        _activations.Add(1, tag);
        _active.Add(1, tag);
    }

    internal void Deactivated(string grainType, DeactivationReasonCode reason)
    {
        var tag = new KeyValuePair<string, object?>("grain.type", grainType);
        _deactivations.Add(1, tag, new KeyValuePair<string, object?>("reason", reason.ToString()));
        _active.Add(-1, tag);
    }

    internal void CallTimedOut(string grainType) => _callTimeouts.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void StorageRead(string storageName, string grainType, long startTimestamp) =>
        _storageRead.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, StorageTags(storageName, grainType));

    internal void StorageWrite(string storageName, string grainType, long startTimestamp) =>
        _storageWrite.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, StorageTags(storageName, grainType));

    internal void StorageConflict(string storageName, string grainType) =>
        _storageConflicts.Add(1, StorageTags(storageName, grainType));

    private static TagList StorageTags(string storageName, string grainType) =>
        new() { { "storage.name", storageName }, { "grain.type", grainType } };
}
