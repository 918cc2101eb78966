using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PerpStudio.Api;
using PerpStudio.Grains.Hosting;
using PerpStudio.Grains.Leaderboard;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Grains.Routing;
using PerpStudio.Grpc.Server;
using PerpStudio.Host.Cluster;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Demo;
using PerpStudio.Host.Health;
using PerpStudio.Host.Markets;
using PerpStudio.Host.Observability;
using PerpStudio.Host.Routing;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Remote;
using PerpStudio.Web;

namespace PerpStudio.Host.Composition;

/// <summary>
/// Composes the platform in one process: listeners, grain runtime and storage, venues and router, the API, market
/// marks, readiness and the demo seed. The startup work runs in the order given to <see cref="MemberStartup"/>.
/// </summary>
public static class PlatformComposition
{
    /// <summary>Reads, completes and validates the options; throws naming every wrong setting.</summary>
    /// <exception cref="PlatformConfigurationException">A setting is wrong.</exception>
    public static PlatformOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new PlatformOptions();
        try
        {
            configuration.GetSection(PlatformOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // the binder names the key and the value it could not convert
            throw new PlatformConfigurationException([ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message]);
        }

        PlatformDefaults.Apply(options);
        var problems = PlatformOptionsValidator.Validate(options);
        return problems.Count > 0 ? throw new PlatformConfigurationException(problems) : options;
    }

    /// <summary>Adds everything the platform needs to <paramref name="builder"/>.</summary>
    public static async Task<PlatformOptions> AddPerpStudioPlatformAsync(this WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = ReadOptions(builder.Configuration);
        var address = IPAddress.Parse(options.ListenAddress);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenGrpcH2c(address, options.Grpc.Port);
            k.Listen(address, options.Web.Port, l => l.Protocols = HttpProtocols.Http1);
        });
        var membership = ClusterComposition.ReadMembership(builder.Configuration);
        builder.ListenForForwarding(address, membership);
        builder.AddPlatformObservability();

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddGrainRuntime()
            .AddPerpStudioGrains()
            .AddLeaderboard()
            .AddPerpStudioRisk()
            .AddRoutingGrains()
            .AddPlatformStorage(options.Storage)
            .AddPlatformCluster(membership);
        await services.AddPlatformVenuesAsync(options, TimeProvider.System, cancellationToken);
        services.AddPerpStudioApi(builder.Configuration);
        services.AddPerpStudioWeb(builder.Configuration);
        services.AddSingleton<DemoCredentials>();

        // start order: marks before readiness and the seed, so the first order finds prices; all of it once the
        // listeners are up (MemberStartup), so peers starting beside this member can reach the grains it owns
        services.AddSingleton<MarkPump>();
        services.AddSingleton<DemoSeed>();
        services.AddSingleton<RiskTimers>();
        services.AddSingleton<PlatformReadiness>();
        services.AddSingleton<VenueWalks>();
        services.AddSingleton<FundingTape>();
        services.AddSingleton<MarketTapeFeed>();
        services.AddSingleton<FundingTapeFeed>();
        var peerWait = ClusterComposition.ReadPeerWait(builder.Configuration);
        services.AddSingleton(sp => new MemberStartup(
            [
                sp.GetRequiredService<MarkPump>(),
                sp.GetRequiredService<DemoSeed>(),
                sp.GetRequiredService<OperatorLinksAtStart>(),
                sp.GetRequiredService<RiskTimers>(),
                sp.GetRequiredService<PlatformReadiness>(),
                sp.GetRequiredService<VenueWalks>(),
                sp.GetRequiredService<MarketTapeFeed>(),
                sp.GetRequiredService<FundingTapeFeed>(),
            ],
            membership,
            sp.GetService<ClusterPeers>(),
            peerWait,
            sp.GetRequiredService<ILogger<MemberStartup>>()));
        services.AddHostedService(sp => sp.GetRequiredService<MemberStartup>());
        services.AddHealthChecks().AddCheck<MemberStartupCheck>(MemberStartupCheck.Name);
        return options;
    }

    /// <summary>Maps the API (gRPC port) and the probes (web port).</summary>
    public static WebApplication MapPerpStudioPlatform(this WebApplication app, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.MapPerpStudioApi();
        app.MapPlatformHealth(options.Web.Port);
        app.MapPlatformCluster();
        app.MapPerpStudioWeb();
        return app;
    }
}
