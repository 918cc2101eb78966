using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Routing;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Config;
using PerpStudio.Venues.Hyperliquid.Execution;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Routing;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Fills;
using PerpStudio.Venues.Routing.Health;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Host.Composition;

/// <summary>The venues, the router over them, and the adapters that connect the router to the grains.</summary>
public static class VenueComposition
{
    /// <summary>
    /// Adds the fleet (simulated venues, and Hyperliquid when enabled; or a <see cref="VenueFleet"/> instance registered
    /// before this call), router, gateway, fill sink and links; with Redis the routing state is grain-backed.
    /// </summary>
    public static async Task<IServiceCollection> AddPlatformVenuesAsync(this IServiceCollection services, PlatformOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);

        // a fleet the embedding application registered itself outlives this host (venues are external to a process,
        // as a test's restarted host needs them to be); otherwise the configured one
        var fleet = services.LastOrDefault(d => d.ServiceType == typeof(VenueFleet))?.ImplementationInstance as VenueFleet;
        if (fleet is null)
        {
            fleet = new VenueFleet(options.Venues.Simulated, time);
            if (options.Venues.Hyperliquid is { Enabled: true } hl)
            {
                fleet.AddShared(await ConnectHyperliquidAsync(hl, time, cancellationToken));
            }

            services.AddSingleton(fleet);
        }

        foreach (var venue in fleet.MarketDataVenues())
        {
            // the API reads order books and trades from these
            services.AddSingleton(venue);
        }

        if (options.Storage.UsesRedis)
        {
            // durable and shared by every member: a fill reaching any member finds its leg, a restart forgets nothing
            services.AddSingleton<IRoutedOrderDirectory, GrainRoutedOrderDirectory>();
            services.AddSingleton<IFillCheckpoints, GrainFillCheckpoints>();
            services.AddSingleton<GrainFillBook>();
            services.AddSingleton<IAllocatedPositions>(sp => sp.GetRequiredService<GrainFillBook>());
        }
        else
        {
            // one process, state lost with it anyway: memory is the right store
            services.AddSingleton<IRoutedOrderDirectory, InMemoryRoutedOrderDirectory>();
            services.AddSingleton<IFillCheckpoints, InMemoryFillCheckpoints>();
            services.AddSingleton<IAllocatedPositions>(sp => sp.GetRequiredService<InMemoryFillBook>());
        }

        services.AddSingleton(sp => new VenueCircuits(new VenueCircuitOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OrderRouter(
            fleet.Accounts, sp.GetRequiredService<IRoutedOrderDirectory>(), sp.GetRequiredService<VenueCircuits>(), new RouterOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new TraderOrderIds(options.Storage.UsesRedis ? sp.GetRequiredService<IGrainFactory>() : null));
        services.AddSingleton<GatewayTimings>();
        services.AddSingleton<OperatorRoutingPolicies>();
        if (options.Storage.UsesRedis)
        {
            // the trader's order id is stored before the order leaves, so any member can attribute its fills later
            services.AddSingleton<RouterOrderGateway>();
            services.AddSingleton<IOrderGateway>(sp => new TraderOrderIdsGateway(sp.GetRequiredService<RouterOrderGateway>(), sp.GetRequiredService<TraderOrderIds>()));
        }
        else
        {
            services.AddSingleton<IOrderGateway, RouterOrderGateway>();
        }

        services.AddSingleton<InMemoryFillBook>();
        services.AddSingleton<AccountFillSink>();
        services.AddSingleton(sp => new RecordingFillSink(
            sp.GetRequiredService<AccountFillSink>(), sp.GetRequiredService<InMemoryFillBook>(), sp.GetService<GrainFillBook>()));
        services.AddSingleton<OperatorVenueLinks>();
        services.AddSingleton<OperatorLinksAtStart>();
        return services;
    }

    private static async Task<PerpStudio.Venues.Contract.IVenue> ConnectHyperliquidAsync(HyperliquidSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new HyperliquidVenueOptions
        {
            VenueId = settings.Name,
            Network = Enum.Parse<HyperliquidNetwork>(settings.Network),
            ApiUrl = settings.ApiUrl.Length > 0 ? new Uri(settings.ApiUrl) : null,
            AccountAddress = settings.AccountAddress.Length > 0 ? settings.AccountAddress : null,
            AgentPrivateKey = settings.AgentPrivateKey.Length > 0 ? settings.AgentPrivateKey : null,
            NonceStorePath = settings.NonceStorePath.Length > 0 ? settings.NonceStorePath : null,
        };
        try
        {
            return await HyperliquidVenue.CreateAsync(options, time: time, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or FormatException or PerpStudio.Venues.Contract.VenueUnavailableException or TaskCanceledException)
        {
            throw new PlatformConfigurationException([$"{PlatformOptions.SectionName}:Venues:Hyperliquid: could not connect to {options.EffectiveApiUrl}: {ex.Message}"]);
        }
    }
}
