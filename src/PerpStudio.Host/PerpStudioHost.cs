using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Host.Composition;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Demo;
using PerpStudio.Host.Routing;

namespace PerpStudio.Host;

/// <summary>Builds and runs the platform: what <c>Program</c> calls, and what tests start on free ports.</summary>
public static class PerpStudioHost
{
    /// <summary>Exit code when the configuration is wrong.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Builds the application; nothing listens until it is started.</summary>
    /// <exception cref="PlatformConfigurationException">A setting is wrong or a configured dependency does not answer.</exception>
    public static async Task<PlatformApp> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = await builder.AddPerpStudioPlatformAsync(cancellationToken);
        var app = builder.Build();
        app.MapPerpStudioPlatform(options);
        return new PlatformApp(app, options);
    }

    /// <summary>Runs until the process is asked to stop; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        PlatformApp platform;
        try
        {
            platform = await BuildAsync(args);
        }
        catch (PlatformConfigurationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ConfigurationError;
        }

        await using (platform)
        {
            try
            {
                await platform.App.StartAsync();
            }
            catch (PlatformConfigurationException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return ConfigurationError;
            }

            await output.WriteLineAsync(StartupBanner.Describe(platform));
            await platform.App.WaitForShutdownAsync();
            return 0;
        }
    }
}

/// <summary>A built platform and its options.</summary>
/// <param name="App">The web application (Kestrel, grains, background services).</param>
/// <param name="Options">The validated options.</param>
public sealed record PlatformApp(WebApplication App, PlatformOptions Options) : IAsyncDisposable
{
    /// <summary>The demo operator, trader and API key, once started (null when the demo is off).</summary>
    public DemoAccess? Demo => App.Services.GetRequiredService<DemoSeed>().Access;

    /// <summary>The gRPC API's address.</summary>
    public Uri GrpcAddress => new($"http://{Loopback(Options.ListenAddress)}:{Options.Grpc.Port}");

    /// <summary>The web listener's address.</summary>
    public Uri WebAddress => new($"http://{Loopback(Options.ListenAddress)}:{Options.Web.Port}");

    /// <summary>The venue links (fill feeds and reconcilers) per operator.</summary>
    public OperatorVenueLinks Links => App.Services.GetRequiredService<OperatorVenueLinks>();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Links.DisposeAsync();
        await App.DisposeAsync();
    }

    private static string Loopback(string address) => address is "0.0.0.0" or "::" ? "127.0.0.1" : address;
}
