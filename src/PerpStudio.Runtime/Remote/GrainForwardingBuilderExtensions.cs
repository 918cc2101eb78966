using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Placement;

namespace PerpStudio.Runtime.Remote;

/// <summary>Settings of HTTP forwarding.</summary>
public sealed class HttpForwardingOptions
{
    /// <summary>The default path.</summary>
    public const string DefaultPath = "/_grains";

    /// <summary>The path members map <see cref="GrainForwardingEndpoint.MapGrainForwarding"/> at.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>How long one forwarded call may take on the wire; null for the runtime's response timeout.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The HTTP handler of outgoing calls; null for a pooled <see cref="SocketsHttpHandler"/>.</summary>
    public Func<HttpMessageHandler>? Handler { get; set; }
}

/// <summary>Runs one runtime as a member of several, forwarding calls over HTTP.</summary>
public static class GrainForwardingBuilderExtensions
{
    /// <summary>
    /// Shards grains over the members of <paramref name="membership"/> (<see cref="ShardedGrainPlacement"/>), forwards
    /// calls for grains owned elsewhere with <see cref="HttpRemoteGrainInvoker"/>, and registers the receiving side for
    /// <see cref="GrainForwardingEndpoint.MapGrainForwarding"/>. With one member, every grain stays local.
    /// </summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="membership">The members and which one this is.</param>
    /// <param name="shardKey">The string hashed per grain; null for its key. Every member must use the same.</param>
    /// <param name="configure">Adjusts the path, timeout or handler.</param>
    public static GrainRuntimeBuilder UseHttpForwarding(
        this GrainRuntimeBuilder builder,
        ClusterMembership membership,
        Func<GrainId, string>? shardKey = null,
        Action<HttpForwardingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(membership);
        var options = new HttpForwardingOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);

        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton(membership));
        services.TryAddSingleton(sp => new GrainCallCodec(sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.StateSerializerOptions));
        services.TryAddSingleton<GrainForwardingReceiver>();
        services.TryAddSingleton(sp => new ClusterPeers(
            membership,
            options.Path,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ClusterPeers>>(),
            options.Handler?.Invoke()));
        builder.UsePlacement(membership.MemberCount == 1
            ? LocalGrainPlacement.Instance
            : new ShardedGrainPlacement(membership.MemberCount, membership.LocalMember, shardKey));
        builder.UseRemoteGrainInvoker(sp => new HttpRemoteGrainInvoker(
            membership,
            sp.GetRequiredService<GrainCallCodec>(),
            options.Path,
            options.Timeout ?? sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.ResponseTimeout,
            options.Handler?.Invoke()));
        return builder;
    }

    /// <summary>
    /// <see cref="UseHttpForwarding(GrainRuntimeBuilder, ClusterMembership, Func{GrainId, string}?, Action{HttpForwardingOptions}?)"/>
    /// with the membership read by <see cref="ClusterMembership.FromConfiguration"/> (<c>PerpStudio:Cluster:*</c>, <c>POD_NAME</c>).
    /// </summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="shardKey">The string hashed per grain; null for its key.</param>
    /// <param name="configure">Adjusts the path, timeout or handler.</param>
    public static GrainRuntimeBuilder UseHttpForwarding(
        this GrainRuntimeBuilder builder,
        IConfiguration configuration,
        Func<GrainId, string>? shardKey = null,
        Action<HttpForwardingOptions>? configure = null) =>
        builder.UseHttpForwarding(ClusterMembership.FromConfiguration(configuration), shardKey, configure);
}
