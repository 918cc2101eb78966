namespace PerpStudio.Runtime;

/// <summary>
/// A grain's persistent state, injected through a constructor parameter marked with
/// <see cref="PersistentStateAttribute"/> and read before the activation's first turn (Orleans: <c>IPersistentState&lt;T&gt;</c>).
/// Writes are conditional on <see cref="Etag"/>: a write racing another writer fails with
/// <see cref="Storage.InconsistentStateException"/> instead of overwriting, and the runtime then deactivates the grain so
/// that the next call reloads the stored state.
/// </summary>
/// <typeparam name="TState">The state type: a JSON-serializable class or record with a public parameterless constructor.</typeparam>
public interface IPersistentState<TState>
{
    /// <summary>The state; a fresh <typeparamref name="TState"/> when no record exists.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored record this state was read from or last written as; null when none exists.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Replaces <see cref="State"/> with the stored record.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <see cref="State"/> if the stored record is still the one last read or written.</summary>
    /// <exception cref="Storage.InconsistentStateException">Another writer changed the record meanwhile.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record (same ETag condition as a write) and resets <see cref="State"/>.</summary>
    /// <exception cref="Storage.InconsistentStateException">Another writer changed the record meanwhile.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
