using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Remote;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests.Remote;

/// <summary>
/// One member of a test cluster: a grain runtime with the test grains, behind its own Kestrel listener on loopback
/// serving <c>/_grains</c>, forwarding to its peers over real HTTP.
/// </summary>
public sealed class ClusterMember : IAsyncDisposable
{
    private ClusterMember(WebApplication app, ClusterMembership membership)
    {
        App = app;
        Membership = membership;
        Runtime = app.Services.GetRequiredService<GrainRuntime>();
    }

    /// <summary>The host.</summary>
    public WebApplication App { get; }

    /// <summary>This member's view of the cluster.</summary>
    public ClusterMembership Membership { get; }

    /// <summary>Its runtime.</summary>
    public GrainRuntime Runtime { get; }

    /// <summary>Grain references that call through this member.</summary>
    public IGrainFactory Grains => Runtime;

    /// <summary>Starts a member listening on the port of its own peer address.</summary>
    /// <param name="membership">Its view; its own peer address gives the loopback port it listens on.</param>
    /// <param name="storage">Adds the storage "store".</param>
    /// <param name="probe">What the grains report.</param>
    /// <param name="listenOn">Listen here instead of at its own peer address (a member whose view is wrong).</param>
    public static async Task<ClusterMember> StartAsync(
        ClusterMembership membership, Action<GrainRuntimeBuilder> storage, GrainProbe? probe = null, Uri? listenOn = null)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(storage);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = (listenOn ?? membership.Peers[membership.LocalMember]).Port;
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton(probe ?? new GrainProbe());
        var runtime = builder.Services.AddGrainRuntime(o => o.ResponseTimeout = TimeSpan.FromSeconds(20))
            .AddGrain<ICounterGrain, CounterGrain>()
            .AddGrain<IQuoteBookGrain, QuoteBookGrain>()
            .UseHttpForwarding(membership);
        storage(runtime);
        var app = builder.Build();
        app.MapGrainForwarding("/_grains");
        await app.StartAsync();
        return new ClusterMember(app, membership);
    }

    /// <summary>Peer addresses on fresh loopback ports.</summary>
    /// <param name="count">How many members.</param>
    public static Uri[] LoopbackPeers(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new Uri($"http://127.0.0.1:{PerpStudio.Testing.FreeTcpPort.Next()}"))];

    /// <summary>Stops the host without deactivating grains (no last writes): as close to a crash as one process allows.</summary>
    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
