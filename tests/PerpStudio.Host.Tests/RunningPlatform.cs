using System.Globalization;
using PerpStudio.Client;
using PerpStudio.Host;
using PerpStudio.Testing;

namespace PerpStudio.Host.Tests;

/// <summary>The real host on free loopback ports: Kestrel with its h2c and HTTP/1.1 listeners, grains, venues, router.</summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    /// <summary>The demo API key every test host registers (tests and peers send it in x-api-key).</summary>
    public const string DemoApiKey = "psk_test_demo_key_0123456789abcdef0123456789";

    private RunningPlatform(PlatformApp platform) => Platform = platform;

    /// <summary>The started platform.</summary>
    public PlatformApp Platform { get; }

    /// <summary>Set when the test let the platform go without stopping it (a crash); disposal then does nothing more.</summary>
    public bool Abandoned { get; set; }

    /// <summary>The gRPC port.</summary>
    public int GrpcPort => Platform.Options.Grpc.Port;

    /// <summary>Starts a host with the embedded default plus <paramref name="settings"/> (configuration key, value).</summary>
    public static async Task<RunningPlatform> StartAsync(params (string Key, string Value)[] settings)
    {
        var args = new List<string>
        {
            Arg("PerpStudio:Grpc:Port", FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)),
            Arg("PerpStudio:Web:Port", FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)),
            Arg("PerpStudio:Demo:ApiKey", DemoApiKey),
            Arg("Logging:LogLevel:Default", "Warning"),

            // PerpStudio.Grpc's client frame reader marks a whole read buffer examined after taking one message, so a
            // second message that arrived in the same read waits for more bytes; frequent heartbeats supply them
            Arg("PerpStudio:Api:StreamHeartbeat", "00:00:00.100"),
        };
        args.AddRange(settings.Select(s => Arg(s.Key, s.Value)));
        var platform = await PerpStudioHost.BuildAsync([.. args]);
        await platform.App.StartAsync();
        return new RunningPlatform(platform);
    }

    /// <summary>A client of the gRPC API with <paramref name="credentials"/>.</summary>
    public PerpStudioClient Client(PerpStudioCredentials credentials) => new(Platform.GrpcAddress, credentials);

    /// <summary>A client with the demo trader's API key.</summary>
    public PerpStudioClient DemoClient() => Client(PerpStudioCredentials.ApiKey(DemoApiKey));

    /// <summary>An HTTP/1.1 client of the web port.</summary>
    public HttpClient Web() => new() { BaseAddress = Platform.WebAddress };

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

    private static string Arg(string key, string value) => $"--{key}={value}";
}
