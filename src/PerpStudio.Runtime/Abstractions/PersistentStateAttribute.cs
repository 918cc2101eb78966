namespace PerpStudio.Runtime;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> (Orleans: <c>PersistentStateAttribute</c>).
/// </summary>
/// <param name="stateName">The state's name within the grain (a grain may have several).</param>
/// <param name="storageName">The storage provider's name, as registered with <c>AddMemoryGrainStorage</c> / <c>AddRedisGrainStorage</c>.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The storage name used when none is given.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>The state's name within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name.</summary>
    public string StorageName { get; } = storageName ?? DefaultStorageName;
}
