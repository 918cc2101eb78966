using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Hosting;
using PerpStudio.Grains.Routing;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Grains.Tests.Routing;

/// <summary>A runtime with only the routing grains, storing in memory or in a real Redis: one "process" of a test.</summary>
internal sealed class RoutingSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RoutingSilo(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
    }

    public GrainRuntime Runtime { get; }

    /// <summary>The storage the grains' state goes to, for writing a record as a crashed activation would have left it.</summary>
    public IGrainStorage GrainStorage => _services.GetRequiredKeyedService<IGrainStorage>(GrainKeys.Storage);

    /// <summary>The storage of a silo made by <see cref="StartRecording"/>; null otherwise.</summary>
    public RecordingStorage? Storage { get; private init; }

    public GrainRoutedOrderDirectory Directory => new(Runtime);

    public GrainFillCheckpoints Checkpoints => new(Runtime);

    /// <summary>Builds one; with <paramref name="redis"/> its state goes to that server under <paramref name="prefix"/>.</summary>
    public static RoutingSilo Start(string? redis = null, string prefix = "routing-test")
    {
        var services = new ServiceCollection();
        services.Configure<GrainRuntimeOptions>(o => o.StateSerializerOptions.AddDomainConverters());
        var builder = services.AddGrainRuntime(o => o.ResponseTimeout = TimeSpan.FromSeconds(20)).AddRoutingGrains();
        if (redis is null)
        {
            builder.AddMemoryGrainStorage(GrainKeys.Storage);
        }
        else
        {
            builder.AddRedisGrainStorage(GrainKeys.Storage, redis, prefix);
        }

        return new RoutingSilo(services.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>Builds one storing in memory through a <see cref="RecordingStorage"/>.</summary>
    public static RoutingSilo StartRecording()
    {
        var services = new ServiceCollection();
        services.Configure<GrainRuntimeOptions>(o => o.StateSerializerOptions.AddDomainConverters());
        services.AddGrainRuntime(o => o.ResponseTimeout = TimeSpan.FromSeconds(20)).AddRoutingGrains();
        services.AddKeyedSingleton<IGrainStorage>(GrainKeys.Storage, (sp, _) =>
        {
            var serializer = sp.GetRequiredService<GrainStateSerializer>();
            return new RecordingStorage(new MemoryGrainStorage(serializer), serializer);
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        return new RoutingSilo(provider) { Storage = (RecordingStorage)provider.GetRequiredKeyedService<IGrainStorage>(GrainKeys.Storage) };
    }

    /// <summary>A crash: the process goes away without deactivating anything (only acknowledged writes remain).</summary>
    public ValueTask CrashAsync() => _services.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await Runtime.DeactivateAllAsync();
        await _services.DisposeAsync();
    }
}
