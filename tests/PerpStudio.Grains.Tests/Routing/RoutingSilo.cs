using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Hosting;
using PerpStudio.Grains.Routing;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;

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

    /// <summary>A crash: the process goes away without deactivating anything (only acknowledged writes remain).</summary>
    public ValueTask CrashAsync() => _services.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await Runtime.DeactivateAllAsync();
        await _services.DisposeAsync();
    }
}
