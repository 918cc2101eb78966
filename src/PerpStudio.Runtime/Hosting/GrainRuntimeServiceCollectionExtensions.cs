using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerpStudio.Runtime.Core;
using PerpStudio.Runtime.Diagnostics;
using PerpStudio.Runtime.Placement;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Runtime.Hosting;

/// <summary>Adds the grain runtime to a service collection.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime: <see cref="GrainRuntime"/> and <see cref="IGrainFactory"/> as singletons, a hosted service that
    /// deactivates every grain on shutdown, and the defaults (system <see cref="TimeProvider"/>, local placement, no
    /// remote invoker). Calling it again returns a builder on the same registrations.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts <see cref="GrainRuntimeOptions"/>.</param>
    public static GrainRuntimeBuilder AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GrainRuntimeOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(GrainTypeRegistry))?.ImplementationInstance as GrainTypeRegistry;
        if (registry is null)
        {
            registry = new GrainTypeRegistry();
            services.AddSingleton(registry);
            services.AddLogging();
            services.AddMetrics();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<IGrainPlacement>(LocalGrainPlacement.Instance);
            services.TryAddSingleton<IRemoteGrainInvoker, UnroutableRemoteGrainInvoker>();
            services.AddSingleton(sp => new GrainStateSerializer(sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.StateSerializerOptions));
            services.AddSingleton<RuntimeInstruments>();
            services.AddSingleton(sp => new PersistentStateFactory(sp, sp.GetRequiredService<RuntimeInstruments>()));
            services.AddSingleton(sp => new GrainRuntime(
                sp,
                sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value,
                sp.GetRequiredService<GrainTypeRegistry>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IGrainPlacement>(),
                sp.GetRequiredService<IRemoteGrainInvoker>(),
                sp.GetRequiredService<RuntimeInstruments>(),
                sp.GetRequiredService<ILogger<GrainRuntime>>()));
            services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
            services.AddHostedService<GrainRuntimeHostedService>();
        }

        return new GrainRuntimeBuilder(services, registry);
    }
}

/// <summary>Starts the runtime with the host and deactivates every grain (writing what they write on deactivation) when it stops.</summary>
internal sealed class GrainRuntimeHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => runtime.DeactivateAllAsync().WaitAsync(cancellationToken);
}
