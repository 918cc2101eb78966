using System.Diagnostics;
using PerpStudio.Runtime.Diagnostics;

namespace PerpStudio.Runtime.Storage;

/// <summary>Something an activation reads before its first turn.</summary>
internal interface IActivationState
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}

/// <summary>A grain's state bound to one storage provider, with timing of every storage call.</summary>
internal sealed class PersistentState<TState>(
    GrainId grainId,
    string stateName,
    string storageName,
    IGrainStorage storage,
    RuntimeInstruments instruments) : IPersistentState<TState>, IGrainState<TState>, IActivationState
{
    private TState? _state;
    private bool _hasState;

    public TState State
    {
        get
        {
            if (!_hasState)
            {
                _state = GrainStateSerializer.CreateDefault<TState>();
                _hasState = true;
            }

            return _state!;
        }

        set
        {
            _state = value;
            _hasState = true;
        }
    }

    public string? Etag => ETag;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        await storage.ReadStateAsync(stateName, grainId, this, cancellationToken);
        instruments.StorageRead(storageName, grainId.Type, start);
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await storage.WriteStateAsync(stateName, grainId, this, cancellationToken);
        }
        catch (InconsistentStateException)
        {
            instruments.StorageConflict(storageName, grainId.Type);
            throw;
        }

        instruments.StorageWrite(storageName, grainId.Type, start);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await storage.ClearStateAsync(stateName, grainId, this, cancellationToken);
        }
        catch (InconsistentStateException)
        {
            instruments.StorageConflict(storageName, grainId.Type);
            throw;
        }

        instruments.StorageWrite(storageName, grainId.Type, start);
        State = GrainStateSerializer.CreateDefault<TState>();
    }
}
