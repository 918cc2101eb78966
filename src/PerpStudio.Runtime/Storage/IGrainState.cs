namespace PerpStudio.Runtime.Storage;

/// <summary>The state record a storage provider reads into and writes from (Orleans: <c>IGrainState&lt;T&gt;</c>).</summary>
/// <typeparam name="T">The state type.</typeparam>
public interface IGrainState<T>
{
    /// <summary>The state.</summary>
    T State { get; set; }

    /// <summary>The stored record's version; null when no record exists.</summary>
    string? ETag { get; set; }

    /// <summary>Whether a stored record exists.</summary>
    bool RecordExists { get; set; }
}

/// <summary>A plain <see cref="IGrainState{T}"/>.</summary>
/// <typeparam name="T">The state type.</typeparam>
/// <param name="state">The initial state.</param>
public sealed class GrainState<T>(T state) : IGrainState<T>
{
    /// <inheritdoc/>
    public T State { get; set; } = state;

    /// <inheritdoc/>
    public string? ETag { get; set; }

    /// <inheritdoc/>
    public bool RecordExists { get; set; }
}
