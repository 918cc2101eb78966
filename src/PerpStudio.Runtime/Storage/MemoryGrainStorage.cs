using System.Globalization;

namespace PerpStudio.Runtime.Storage;

/// <summary>
/// The embedded storage provider: records live in process memory, as serialized JSON, so every read gives a fresh copy
/// (no aliasing between activations) and a state that cannot be serialized fails here as it would with Redis.
/// A record written over again (a grain's hot state, rewritten on every change) whose type is immutable all the way
/// down (<see cref="ImmutableGraph"/>) is kept as the object itself instead: nothing can change it after the write, so a
/// read can hand it out again, and each write costs no JSON round trip. A record written once (a history page) stays
/// JSON: one array without references, instead of an object graph the collector would carry for the process's life.
/// </summary>
/// <param name="serializer">The runtime's state serializer.</param>
public sealed class MemoryGrainStorage(GrainStateSerializer serializer) : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), StoredRecord> _records = [];
    private readonly Lock _lock = new();
    private long _version;

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        StoredRecord? record;
        lock (_lock)
        {
            _records.TryGetValue((stateName, grainId), out record);
        }

        if (record is null)
        {
            grainState.State = GrainStateSerializer.CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        else
        {
            grainState.State = record.Snapshot is T snapshot ? snapshot : serializer.Deserialize<T>(record.Json, grainId);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var snapshot = grainState.ETag is not null && grainState.State is { } state && ImmutableGraph.IsDeeplyImmutable(typeof(T))
            ? (object)state
            : null;
        var json = snapshot is null ? serializer.Serialize(grainState.State) : [];
        string etag;
        lock (_lock)
        {
            EnsureExpected("write", stateName, grainId, grainState.ETag);
            etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[(stateName, grainId)] = new StoredRecord(json, snapshot, etag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_lock)
        {
            EnsureExpected("clear", stateName, grainId, grainState.ETag);
            _records.Remove((stateName, grainId));
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private void EnsureExpected(string operation, string stateName, GrainId grainId, string? expected)
    {
        var stored = _records.TryGetValue((stateName, grainId), out var record) ? record.ETag : null;
        if (stored != expected)
        {
            throw new InconsistentStateException($"{operation} of state '{stateName}' of {grainId} lost a race with another writer", stored, expected);
        }
    }

    /// <summary>A stored state: its JSON, or the immutable object itself.</summary>
    private sealed record StoredRecord(byte[] Json, object? Snapshot, string ETag);
}
