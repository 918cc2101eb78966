using System.Text.Json;

namespace PerpStudio.Runtime.Storage;

/// <summary>
/// Turns grain state into UTF-8 JSON and back with System.Text.Json. Records, immutable collections and dictionaries,
/// <see cref="long"/> and <see cref="decimal"/> round-trip exactly with the defaults; converters for domain types go into
/// <see cref="Hosting.GrainRuntimeOptions.StateSerializerOptions"/>.
/// </summary>
/// <param name="options">The serializer options shared by every storage provider of a runtime.</param>
public sealed class GrainStateSerializer(JsonSerializerOptions options)
{
    /// <summary>The options in use.</summary>
    public JsonSerializerOptions Options { get; } = options;

    /// <summary>Serializes a state.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="state">The state.</param>
    public byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    /// <summary>Deserializes a state; a JSON null is rejected because a stored record always holds a state.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    /// <param name="utf8Json">The stored JSON.</param>
    /// <param name="grainId">The grain, for the error message.</param>
    public T Deserialize<T>(ReadOnlySpan<byte> utf8Json, GrainId grainId) =>
        JsonSerializer.Deserialize<T>(utf8Json, Options)
        ?? throw new JsonException($"the stored state of {grainId} is null; expected a {typeof(T).Name}");

    /// <summary>A fresh state for a grain with no stored record: the type's public parameterless constructor.</summary>
    /// <typeparam name="T">The state type.</typeparam>
    public static T CreateDefault<T>()
    {
        if (typeof(T).IsValueType)
        {
            return default!;
        }

        if (typeof(T).GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException(
                $"state type {typeof(T).FullName} needs a public parameterless constructor: it gives the state of a grain that has no stored record yet");
        }

        return Activator.CreateInstance<T>();
    }
}
