using PerpStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Runtime.Hosting;

namespace PerpStudio.Runtime.Tests.Support;

/// <summary>A runtime on a manual clock with the test grains and in-memory storage "store" (or what the test adds).</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(ServiceProvider services, ManualTimeProvider clock)
    {
        Services = services;
        Clock = clock;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Probe = services.GetRequiredService<GrainProbe>();
    }

    /// <summary>The service provider.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The clock driving the runtime.</summary>
    public ManualTimeProvider Clock { get; }

    /// <summary>The runtime.</summary>
    public GrainRuntime Runtime { get; }

    /// <summary>What the grains report.</summary>
    public GrainProbe Probe { get; }

    /// <summary>Grain references.</summary>
    public IGrainFactory Grains => Runtime;

    /// <summary>Builds a runtime; <paramref name="storage"/> replaces the default in-memory "store".</summary>
    public static TestSilo Create(
        Action<GrainRuntimeOptions>? options = null,
        Action<GrainRuntimeBuilder>? storage = null,
        Action<GrainRuntimeBuilder>? more = null,
        ManualTimeProvider? clock = null,
        GrainProbe? probe = null)
    {
        clock ??= new ManualTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(probe ?? new GrainProbe());
        var builder = services.AddGrainRuntime(options)
            .AddGrain<ICounterGrain, CounterGrain>()
            .AddGrain<IRelayGrain, RelayGrain>()
            .AddGrain<ITickerGrain, TickerGrain>()
            .AddGrain<IMisconfiguredGrain, MisconfiguredGrain>();
        if (storage is null)
        {
            builder.AddMemoryGrainStorage("store");
        }
        else
        {
            storage(builder);
        }

        more?.Invoke(builder);
        return new TestSilo(services.BuildServiceProvider(validateScopes: true), clock);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
