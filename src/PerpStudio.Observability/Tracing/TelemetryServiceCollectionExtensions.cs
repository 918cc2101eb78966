using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PerpStudio.Observability.Tracing;

/// <summary>Adds traces and metrics to a host.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PerpStudioTelemetry"/> (tracer and meter providers) configured from
    /// <c>PerpStudio:Telemetry</c>, started with the host and disposed (flushed) when the host stops.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration holding <see cref="TelemetryOptions.SectionName"/>.</param>
    /// <param name="configure">Adjusts the options after binding (e.g. adds activity sources or meters).</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names the configuration key.</exception>
    public static IServiceCollection AddPerpStudioTelemetry(
        this IServiceCollection services, IConfiguration configuration, Action<TelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TelemetryOptions();
        configuration.GetSection(TelemetryOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(sp => new PerpStudioTelemetry(sp.GetRequiredService<TelemetryOptions>()));
        services.AddHostedService<TelemetryLifetime>();
        return services;
    }
}

/// <summary>Builds the providers when the host starts (before requests arrive) and flushes them when it stops.</summary>
internal sealed class TelemetryLifetime(PerpStudioTelemetry telemetry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        telemetry.ForceFlush(2000);
        return Task.CompletedTask;
    }
}
