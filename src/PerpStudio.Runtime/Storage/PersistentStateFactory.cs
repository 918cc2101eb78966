using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Runtime.Diagnostics;

namespace PerpStudio.Runtime.Storage;

/// <summary>
/// Binds <see cref="IPersistentState{TState}"/> instances to named storage providers. The runtime uses it for
/// <see cref="PersistentStateAttribute"/> parameters; tools and tests may use it to reach a grain's stored state directly.
/// </summary>
public sealed class PersistentStateFactory
{
    private readonly IServiceProvider _services;
    private readonly RuntimeInstruments _instruments;

    internal PersistentStateFactory(IServiceProvider services, RuntimeInstruments instruments)
    {
        _services = services;
        _instruments = instruments;
    }

    /// <summary>A state handle for <paramref name="grainId"/>, not yet read.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="grainId">The grain.</param>
    /// <param name="stateName">The state's name within the grain.</param>
    /// <param name="storageName">The storage provider's name.</param>
    /// <exception cref="InvalidOperationException">No storage provider has that name.</exception>
    public IPersistentState<TState> Create<TState>(GrainId grainId, string stateName, string storageName)
    {
        var storage = _services.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException(
                $"no grain storage named '{storageName}' (state '{stateName}' of {grainId}): register it with AddMemoryGrainStorage(\"{storageName}\") or AddRedisGrainStorage(\"{storageName}\", ...)");
        return new PersistentState<TState>(grainId, stateName, storageName, storage, _instruments);
    }
}
