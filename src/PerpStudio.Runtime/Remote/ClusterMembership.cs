using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PerpStudio.Runtime.Remote;

/// <summary>
/// Who the members of a deployment are and which one this process is: in Kubernetes, the pods of a StatefulSet,
/// numbered by ordinal (<c>perpstudio-0</c>, <c>perpstudio-1</c>, ...), each reachable at a stable DNS name.
/// </summary>
public sealed class ClusterMembership
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "PerpStudio:Cluster";

    /// <summary>The default forwarding port.</summary>
    public const int DefaultForwardingPort = 5002;

    /// <summary>Creates the membership from explicit peer addresses (one per member, by ordinal).</summary>
    /// <param name="localMember">This process's ordinal.</param>
    /// <param name="peers">The forwarding base address of every member, including this one.</param>
    /// <param name="forwardingPort">The local port forwarded calls must arrive on; 0 accepts any.</param>
    public ClusterMembership(int localMember, IReadOnlyList<Uri> peers, int forwardingPort = 0)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (peers.Count < 1)
        {
            throw new ArgumentException("a cluster has at least one member", nameof(peers));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(localMember);
        if (localMember >= peers.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(localMember), localMember, $"ordinal {localMember} is not a member of a cluster of {peers.Count} (0 to {peers.Count - 1})");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(forwardingPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(forwardingPort, 65535);
        foreach (var peer in peers)
        {
            if (peer is null || !peer.IsAbsoluteUri || peer.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"peer address '{peer}' is not an absolute http or https address", nameof(peers));
            }
        }

        LocalMember = localMember;
        Peers = [.. peers];
        ForwardingPort = forwardingPort;
    }

    /// <summary>How many members share the grains.</summary>
    public int MemberCount => Peers.Count;

    /// <summary>This process's ordinal.</summary>
    public int LocalMember { get; }

    /// <summary>The forwarding base address of each member, by ordinal.</summary>
    public IReadOnlyList<Uri> Peers { get; }

    /// <summary>The local port forwarded calls must arrive on (so they cannot come in through the public listeners); 0 accepts any.</summary>
    public int ForwardingPort { get; }

    /// <summary>A single process that owns every grain.</summary>
    public static ClusterMembership SingleProcess { get; } = new(0, [new Uri("http://127.0.0.1")]);

    /// <summary>Builds peer addresses from a template such as <c>http://perpstudio-{0}.perpstudio-headless:5002</c>.</summary>
    /// <param name="memberCount">How many members.</param>
    /// <param name="localMember">This process's ordinal.</param>
    /// <param name="peerAddressTemplate">A composite format string whose <c>{0}</c> is the ordinal.</param>
    /// <param name="forwardingPort">The local port forwarded calls must arrive on; 0 accepts any.</param>
    public static ClusterMembership FromTemplate(int memberCount, int localMember, string peerAddressTemplate, int forwardingPort = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memberCount, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(peerAddressTemplate);
        if (memberCount > 1 && !peerAddressTemplate.Contains("{0}", StringComparison.Ordinal))
        {
            throw new ArgumentException($"peer address template '{peerAddressTemplate}' has no {{0}} for the member's ordinal", nameof(peerAddressTemplate));
        }

        var peers = new Uri[memberCount];
        for (var member = 0; member < memberCount; member++)
        {
            var address = string.Format(CultureInfo.InvariantCulture, peerAddressTemplate, member);
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
            {
                throw new ArgumentException($"peer address template '{peerAddressTemplate}' gives '{address}', which is not an absolute address", nameof(peerAddressTemplate));
            }

            peers[member] = uri;
        }

        return new ClusterMembership(localMember, peers, forwardingPort);
    }

    /// <summary>
    /// Reads <c>PerpStudio:Cluster:MemberCount</c> (default 1), <c>PerpStudio:Cluster:PeerAddressTemplate</c>,
    /// <c>PerpStudio:Cluster:ForwardingPort</c> (default 5002) and the ordinal: <c>PerpStudio:Cluster:Ordinal</c> when set,
    /// else the suffix of <c>POD_NAME</c> (configuration, then the environment), else 0 for a single member.
    /// </summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public static ClusterMembership FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var memberCount = ReadInt(section, "MemberCount", 1);
        var forwardingPort = ReadInt(section, "ForwardingPort", DefaultForwardingPort);
        var template = section["PeerAddressTemplate"];
        var podName = configuration["POD_NAME"] ?? Environment.GetEnvironmentVariable("POD_NAME");
        int ordinal;
        if (!string.IsNullOrWhiteSpace(section["Ordinal"]))
        {
            ordinal = ReadInt(section, "Ordinal", 0);
        }
        else if (!string.IsNullOrWhiteSpace(podName))
        {
            ordinal = OrdinalOf(podName);
        }
        else if (memberCount == 1)
        {
            ordinal = 0;
        }
        else
        {
            throw new ArgumentException($"{SectionName}:MemberCount is {memberCount} but neither {SectionName}:Ordinal nor POD_NAME says which member this is");
        }

        if (memberCount == 1 && string.IsNullOrWhiteSpace(template))
        {
            template = $"http://127.0.0.1:{forwardingPort}";
        }

        if (string.IsNullOrWhiteSpace(template))
        {
            throw new ArgumentException($"{SectionName}:PeerAddressTemplate is required when {SectionName}:MemberCount is {memberCount}");
        }

        if (ordinal >= memberCount)
        {
            throw new ArgumentException($"this member's ordinal {ordinal} (from {(podName is null ? $"{SectionName}:Ordinal" : $"POD_NAME '{podName}'")}) is not below {SectionName}:MemberCount {memberCount}");
        }

        return FromTemplate(memberCount, ordinal, template, forwardingPort);
    }

    /// <summary>The ordinal at the end of a StatefulSet pod's name: <c>perpstudio-2</c> is 2.</summary>
    /// <param name="podName">The pod name.</param>
    /// <exception cref="ArgumentException">The name does not end with <c>-</c> and a number.</exception>
    public static int OrdinalOf(string podName)
    {
        ArgumentNullException.ThrowIfNull(podName);
        var dash = podName.LastIndexOf('-');
        var suffix = dash < 0 ? string.Empty : podName[(dash + 1)..];
        if (suffix.Length == 0 || !suffix.All(char.IsAsciiDigit)
            || !int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
        {
            throw new ArgumentException($"POD_NAME '{podName}' does not end with -<ordinal> as a StatefulSet pod's name does (e.g. perpstudio-2)", nameof(podName));
        }

        return ordinal;
    }

    private static int ReadInt(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"{SectionName}:{key} is '{text}'; it must be a non-negative integer");
        }

        if (key == "MemberCount" && value < 1)
        {
            throw new ArgumentException($"{SectionName}:MemberCount is {value}; a cluster has at least one member");
        }

        return value;
    }
}
