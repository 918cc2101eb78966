using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Host.Composition;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Remote;

namespace PerpStudio.Host.Cluster;

/// <summary>
/// Runs this process as one member of several (<c>PerpStudio:Cluster:*</c>, <c>POD_NAME</c>): grains are sharded by
/// <see cref="PlatformShardKey"/> and calls for grains owned elsewhere are forwarded over HTTP to the owner's forwarding
/// listener (<c>PerpStudio:Cluster:ForwardingPort</c>), opened only when there is more than one member.
/// </summary>
public static class ClusterComposition
{
    /// <summary>
    /// Reads the membership: <c>PerpStudio:Cluster:Peers</c> (one forwarding address per ordinal, for members whose
    /// addresses a template cannot express, such as loopback ports) when set, else <see cref="ClusterMembership.FromConfiguration"/>
    /// (<c>MemberCount</c>, <c>PeerAddressTemplate</c>, <c>ForwardingPort</c>, <c>Ordinal</c> or <c>POD_NAME</c>).
    /// </summary>
    /// <exception cref="PlatformConfigurationException">A setting is missing or invalid.</exception>
    public static ClusterMembership ReadMembership(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            var section = configuration.GetSection(ClusterMembership.SectionName);
            var peers = section.GetSection("Peers").GetChildren()
                .OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture))
                .Select(p => p.Value ?? string.Empty).ToList();
            if (peers.Count == 0)
            {
                return ClusterMembership.FromConfiguration(configuration);
            }

            if (!string.IsNullOrWhiteSpace(section["MemberCount"])
                && section["MemberCount"] != peers.Count.ToString(CultureInfo.InvariantCulture))
            {
                throw new ArgumentException($"{ClusterMembership.SectionName}:MemberCount is {section["MemberCount"]} but {ClusterMembership.SectionName}:Peers lists {peers.Count}");
            }

            var addresses = peers.Select(p => Uri.TryCreate(p, UriKind.Absolute, out var uri)
                ? uri
                : throw new ArgumentException($"{ClusterMembership.SectionName}:Peers entry '{p}' is not an absolute address")).ToList();

            // the template form reads ordinal and port with its own rules; reuse it with a one-member stand-in template
            var local = ClusterMembership.FromConfiguration(new ConfigurationBuilder()
                .AddInMemoryCollection(
                [
                    new($"{ClusterMembership.SectionName}:MemberCount", peers.Count.ToString(CultureInfo.InvariantCulture)),
                    new($"{ClusterMembership.SectionName}:PeerAddressTemplate", "http://member-{0}"),
                    new($"{ClusterMembership.SectionName}:ForwardingPort", section["ForwardingPort"]),
                    new($"{ClusterMembership.SectionName}:Ordinal", section["Ordinal"]),
                    new("POD_NAME", configuration["POD_NAME"] ?? Environment.GetEnvironmentVariable("POD_NAME")),
                ])
                .Build());
            return new ClusterMembership(local.LocalMember, addresses, local.ForwardingPort);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            throw new PlatformConfigurationException([ex.Message]);
        }
    }

    /// <summary>The default of <c>PerpStudio:Cluster:PeerWait</c>.</summary>
    public static readonly TimeSpan DefaultPeerWait = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <c>PerpStudio:Cluster:PeerWait</c>: how long a starting member waits for its peers' forwarding listeners before its
    /// startup work (default two minutes).
    /// </summary>
    /// <exception cref="PlatformConfigurationException">The setting is not a positive time span.</exception>
    public static TimeSpan ReadPeerWait(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = $"{ClusterMembership.SectionName}:PeerWait";
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultPeerWait;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var wait) && wait > TimeSpan.Zero
            ? wait
            : throw new PlatformConfigurationException([$"{key} is '{text}'; it must be a positive time span such as 00:02:00"]);
    }

    /// <summary>Shards the grains over the members and forwards calls; with one member, everything stays local.</summary>
    public static GrainRuntimeBuilder AddPlatformCluster(this GrainRuntimeBuilder runtime, ClusterMembership membership)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(membership);

        // the forwarding codec uses the state serializer's options, which AddPerpStudioGrains fills with the Domain's converters
        return runtime.UseHttpForwarding(membership, PlatformShardKey.Of);
    }

    /// <summary>Opens the forwarding listener (HTTP/1.1) when there is more than one member.</summary>
    public static void ListenForForwarding(this WebApplicationBuilder builder, IPAddress address, ClusterMembership membership)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(membership);
        if (membership.MemberCount > 1)
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(address, membership.ForwardingPort));
        }
    }

    /// <summary>Maps the forwarding endpoint (calls arriving on any port but the forwarding port get 404).</summary>
    public static WebApplication MapPlatformCluster(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrainForwarding();
        return app;
    }
}
