namespace PerpStudio.Runtime.Storage;

/// <summary>
/// A named storage provider (Orleans: <c>IGrainStorage</c>). Every provider keeps the same contract, checked by one shared
/// test suite: a write or clear succeeds only when <see cref="IGrainState{T}.ETag"/> matches the stored record (null
/// meaning "no record exists"), otherwise it throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the record into <paramref name="grainState"/>; a missing record gives a fresh state, no ETag and RecordExists false.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="stateName">The state's name within the grain.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="grainState">Receives state, ETag and RecordExists.</param>
    /// <param name="cancellationToken">Cancels waiting for the store.</param>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Writes the record if its ETag matches; sets the new ETag and RecordExists on success.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="stateName">The state's name within the grain.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="grainState">The state and the ETag it expects.</param>
    /// <param name="cancellationToken">Cancels waiting for the store.</param>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if its ETag matches; clears ETag and RecordExists on success.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="stateName">The state's name within the grain.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="grainState">The ETag it expects.</param>
    /// <param name="cancellationToken">Cancels waiting for the store.</param>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken = default);
}
