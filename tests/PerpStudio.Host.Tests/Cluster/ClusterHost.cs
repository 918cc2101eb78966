using PerpStudio.Client;
using PerpStudio.Host.Venues;
using Microsoft.Extensions.DependencyInjection;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// One member of a test cluster: the real host on the given settings, trading at a venue fleet that every member shares
/// and that outlives any one of them, as an external venue is shared by the pods of a deployment.
/// </summary>
internal sealed class ClusterHost : IAsyncDisposable
{
    private ClusterHost(PlatformApp platform) => Platform = platform;

    /// <summary>The started platform.</summary>
    public PlatformApp Platform { get; }

    /// <summary>Set when the test let the member go without stopping it (a crash); disposal then does nothing more.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Starts a member with <paramref name="settings"/> (configuration key, value) and the shared <paramref name="fleet"/>.</summary>
    public static async Task<ClusterHost> StartAsync(IEnumerable<(string Key, string Value)> settings, VenueFleet fleet)
    {
        string[] args =
        [
            "--PerpStudio:Demo:ApiKey=" + RunningPlatform.DemoApiKey,
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ];
        var platform = await PerpStudioHost.BuildAsync(args, b => b.Services.AddSingleton(fleet));
        await platform.App.StartAsync();
        return new ClusterHost(platform);
    }

    /// <summary>A client of this member's gRPC API.</summary>
    public PerpStudioClient Client(PerpStudioCredentials credentials) => new(Platform.GrpcAddress, credentials);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Abandoned)
        {
            return;
        }

        await Platform.App.StopAsync();
        await Platform.DisposeAsync();
    }
}
