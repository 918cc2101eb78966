using System.Text.Json;

namespace PerpStudio.Runtime.Hosting;

/// <summary>Settings of a <see cref="GrainRuntime"/>; the names follow Orleans' options.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>How long a caller waits for a grain's response before a <see cref="TimeoutException"/> (Orleans: ResponseTimeout).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation that received no call for this long is deactivated (Orleans: CollectionAge).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (Orleans: CollectionQuantum).</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How grain state is turned into JSON by every storage provider; add converters for domain types here.</summary>
    public JsonSerializerOptions StateSerializerOptions { get; set; } = new(JsonSerializerDefaults.General);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResponseTimeout, TimeSpan.Zero, nameof(ResponseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CollectionAge, TimeSpan.Zero, nameof(CollectionAge));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CollectionQuantum, TimeSpan.Zero, nameof(CollectionQuantum));
        ArgumentNullException.ThrowIfNull(StateSerializerOptions, nameof(StateSerializerOptions));
    }
}
