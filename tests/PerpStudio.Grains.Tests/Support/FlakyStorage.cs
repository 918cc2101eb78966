using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Grains.Tests.Support;

/// <summary>In-memory storage whose next write of a chosen grain type fails, as a crashed store would.</summary>
public sealed class FlakyStorage(IGrainStorage inner) : IGrainStorage
{
    private string? _failNextWriteOf;

    /// <summary>Makes the next write of a grain of this type throw.</summary>
    public void FailNextWriteOf(string grainType) => _failNextWriteOf = grainType;

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default)
    {
        if (_failNextWriteOf == grainId.Type)
        {
            _failNextWriteOf = null;
            throw new IOException($"storage unavailable writing {grainId}");
        }

        return inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default) =>
        inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}
