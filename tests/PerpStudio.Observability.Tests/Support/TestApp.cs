using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerpStudio.Observability.Tracing;
using PerpStudio.Testing;

namespace PerpStudio.Observability.Tests.Support;

/// <summary>A real Kestrel app on a free loopback port with the telemetry registered from in-memory configuration.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>The app.</summary>
    public WebApplication App { get; }

    /// <summary>Its address.</summary>
    public Uri Address { get; }

    /// <summary>A client of it.</summary>
    public HttpClient Client { get; }

    /// <summary>The telemetry of the app.</summary>
    public PerpStudioTelemetry Telemetry => App.Services.GetRequiredService<PerpStudioTelemetry>();

    /// <summary>Builds and starts the app.</summary>
    /// <param name="settings">Configuration keys and values.</param>
    /// <param name="map">Maps the app's endpoints.</param>
    /// <param name="services">Adds services.</param>
    /// <param name="configure">Adjusts telemetry options.</param>
    public static async Task<TestApp> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        Action<WebApplication> map,
        Action<IServiceCollection>? services = null,
        Action<TelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddPerpStudioTelemetry(builder.Configuration, configure);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new TestApp(app, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
