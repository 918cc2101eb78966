using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerpStudio.Runtime.Core;
using PerpStudio.Runtime.Placement;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Runtime.Hosting;

/// <summary>Registers grains, storage providers and placement with the runtime (Orleans: ISiloBuilder).</summary>
public sealed class GrainRuntimeBuilder
{
    private readonly GrainTypeRegistry _registry;

    internal GrainRuntimeBuilder(IServiceCollection services, GrainTypeRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    /// <summary>The service collection the runtime lives in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Maps a grain interface to its implementation; the interface's methods are checked now.</summary>
    /// <typeparam name="TGrainInterface">The grain interface.</typeparam>
    /// <typeparam name="TGrain">The grain class.</typeparam>
    /// <exception cref="ArgumentException">A method is not a valid grain method, or the interface is already mapped.</exception>
    public GrainRuntimeBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        _registry.Add(typeof(TGrainInterface), typeof(TGrain));
        return this;
    }

    /// <summary>Maps every grain interface implemented by a concrete grain class of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The assembly holding the grain classes.</param>
    public GrainRuntimeBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t)))
        {
            foreach (var grainInterface in type.GetInterfaces().Where(IsGrainInterface))
            {
                _registry.Add(grainInterface, type);
            }
        }

        return this;
    }

    /// <summary>Adds the in-process storage provider under <paramref name="name"/>.</summary>
    /// <param name="name">The name grains use in <see cref="PersistentStateAttribute"/>.</param>
    public GrainRuntimeBuilder AddMemoryGrainStorage(string name = PersistentStateAttribute.DefaultStorageName)
    {
        AddStorage(name, static sp => new MemoryGrainStorage(sp.GetRequiredService<GrainStateSerializer>()));
        return this;
    }

    /// <summary>Adds the Redis storage provider under <paramref name="name"/>.</summary>
    /// <param name="name">The name grains use in <see cref="PersistentStateAttribute"/>.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</param>
    /// <param name="keyPrefix">The first segment of every key.</param>
    public GrainRuntimeBuilder AddRedisGrainStorage(string name, string connectionString, string keyPrefix = "perpstudio") =>
        AddRedisGrainStorage(name, o =>
        {
            o.ConnectionString = connectionString;
            o.KeyPrefix = keyPrefix;
        });

    /// <summary>Adds the Redis storage provider under <paramref name="name"/>.</summary>
    /// <param name="name">The name grains use in <see cref="PersistentStateAttribute"/>.</param>
    /// <param name="configure">Sets connection string, key prefix and database.</param>
    public GrainRuntimeBuilder AddRedisGrainStorage(string name, Action<RedisGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new RedisGrainStorageOptions();
        configure(options);
        _ = new RedisGrainStorage(options, new GrainStateSerializer(new())); // fails fast on bad options, connects nothing
        AddStorage(name, sp => new RedisGrainStorage(options, sp.GetRequiredService<GrainStateSerializer>()));
        return this;
    }

    /// <summary>Replaces the placement (default: this process owns every grain).</summary>
    /// <param name="placement">The placement every member computes identically.</param>
    public GrainRuntimeBuilder UsePlacement(IGrainPlacement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        Services.Replace(ServiceDescriptor.Singleton(placement));
        return this;
    }

    /// <summary>Sets the transport that forwards calls to grains owned by other members.</summary>
    /// <param name="factory">Creates the invoker from the service provider.</param>
    public GrainRuntimeBuilder UseRemoteGrainInvoker(Func<IServiceProvider, IRemoteGrainInvoker> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    private static bool IsGrainInterface(Type type) =>
        typeof(IGrainWithStringKey).IsAssignableFrom(type) && type != typeof(IGrainWithStringKey);

    private void AddStorage(string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name)))
        {
            throw new ArgumentException($"a grain storage named '{name}' is already registered", nameof(name));
        }

        Services.AddKeyedSingleton(name, (sp, _) => factory(sp));
    }
}
