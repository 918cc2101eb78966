using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Grains.Tests.Routing;

/// <summary>
/// In-memory storage that notes the serialized size of every write (what a remote store would be sent) and which records
/// exist, and can fail the next write of a chosen state name as a store lost mid-turn would.
/// </summary>
internal sealed class RecordingStorage(IGrainStorage inner, GrainStateSerializer serializer) : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly List<(string StateName, int Bytes)> _writes = [];
    private readonly HashSet<string> _stored = new(StringComparer.Ordinal);
    private string? _failNextWriteOf;

    /// <summary>Every write so far: state name and serialized bytes, in order.</summary>
    public IReadOnlyList<(string StateName, int Bytes)> Writes
    {
        get
        {
            lock (_lock)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>The state names that have a stored record now.</summary>
    public IReadOnlySet<string> Stored
    {
        get
        {
            lock (_lock)
            {
                return _stored.ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Makes the next write of a record with this state name throw without storing anything.</summary>
    public void FailNextWriteOf(string stateName)
    {
        lock (_lock)
        {
            _failNextWriteOf = stateName;
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_failNextWriteOf == stateName)
            {
                _failNextWriteOf = null;
                throw new IOException($"storage unavailable writing {stateName} of {grainId}");
            }
        }

        await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        var bytes = serializer.Serialize(grainState.State).Length;
        lock (_lock)
        {
            _writes.Add((stateName, bytes));
            _stored.Add(stateName);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        await inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
        lock (_lock)
        {
            _stored.Remove(stateName);
        }
    }
}
