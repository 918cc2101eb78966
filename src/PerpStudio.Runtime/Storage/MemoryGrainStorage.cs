namespace PerpStudio.Runtime.Storage;

/// <summary>
/// The embedded storage provider: records live in process memory as serialized JSON, so every read gives a fresh copy
/// (no aliasing between activations) and a state that cannot be serialized fails here as it would with Redis.
/// </summary>
/// <param name="serializer">The runtime's state serializer.</param>
public sealed class MemoryGrainStorage(GrainStateSerializer serializer) : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), StoredRecord> _records = [];
    private readonly Lock _lock = new();

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
            grainState.State = serializer.Deserialize<T>(record.Json, grainId);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var json = serializer.Serialize(grainState.State);
        var etag = Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            EnsureExpected("write", stateName, grainId, grainState.ETag);
            _records[(stateName, grainId)] = new StoredRecord(json, etag);
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

    private sealed record StoredRecord(byte[] Json, string ETag);
}
