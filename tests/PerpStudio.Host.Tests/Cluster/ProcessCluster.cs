using System.Globalization;
using System.Text;
using PerpStudio.Client;
using PerpStudio.Ethereum;
using PerpStudio.Host.Cluster;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Placement;
using PerpStudio.Testing.Redis;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// Members of one cluster as real host processes (<c>dotnet PerpStudio.Host.dll</c>), configured only by environment
/// variables as a pod is: loopback ports, one real redis-server, and the shared local Hyperliquid with each member's
/// own agent wallet and nonce file. Members can be killed (SIGKILL) and started again on the same ports.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly HostProcess?[] _members;
    private readonly List<HostProcess> _everyProcess = [];
    private readonly (int Grpc, int Web, int Forwarding)[] _ports;
    private readonly string _nonceDirectory = Directory.CreateTempSubdirectory("perpstudio-nonces-").FullName;
    private readonly ShardedGrainPlacement _placement;
    private string _hostDll = string.Empty;
    private RedisServer? _redis;
    private SharedHyperliquid? _venue;
    private bool _disposed;

    private ProcessCluster(int members)
    {
        _members = new HostProcess?[members];
        _ports = [.. Enumerable.Range(0, members).Select(_ => (ListenPorts.Next(), ListenPorts.Next(), ListenPorts.Next()))];
        _placement = new ShardedGrainPlacement(members, 0, PlatformShardKey.Of);
    }

    /// <summary>How many members.</summary>
    public int MemberCount => _members.Length;

    /// <summary>The venue the members share.</summary>
    public SharedHyperliquid Venue => _venue!;

    /// <summary>A client for probes and <c>/metrics</c>.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Every process started so far, with its output, for the test's report.</summary>
    public string Logs
    {
        get
        {
            var logs = new StringBuilder();
            foreach (var process in _everyProcess)
            {
                logs.Append(CultureInfo.InvariantCulture, $"--- {process.Name} (pid {process.ProcessId}) ---\n{process.Log}");
            }

            return logs.ToString();
        }
    }

    /// <summary>
    /// Starts Redis, the venue and every member together (as the pods of a StatefulSet with parallel pod management:
    /// each waits for its peers to listen), and returns once every member is ready; on failure stops what it started
    /// and throws with every member's output.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(int members)
    {
        var cluster = new ProcessCluster(members);
        try
        {
            cluster._hostDll = await HostBuildOutput.HostDllAsync();
            cluster._redis = await RedisServer.StartAsync();
            cluster._venue = await SharedHyperliquid.StartAsync(members);
            for (var m = 0; m < members; m++)
            {
                cluster._members[m] = cluster.StartMember(m, "first start");
            }

            // the first failure ends the wait: peers of a member that died would otherwise wait out their patience
            var pending = Enumerable.Range(0, members).Select(cluster.WhenReadyAsync).ToList();
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending);
                await done;
                pending.Remove(done);
            }

            return cluster;
        }
        catch (Exception e)
        {
            var logs = cluster.Logs;
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"the cluster did not start: {e.Message}\n{logs}", e);
        }
    }

    /// <summary>Kills the member with SIGKILL (no graceful stop, no deactivation writes) and starts it again on its ports.</summary>
    public async Task KillAndRestartAsync(int member)
    {
        await _members[member]!.KillAsync();
        _members[member] = StartMember(member, "after kill -9");
        await WhenReadyAsync(member);
    }

    /// <summary>The member that owns the trader's account of the demo operator.</summary>
    public int OwnerOf(PrivateKey wallet) => _placement.GetOwner(new GrainId("account", $"demo/{wallet.Address.ToLowerHex()}"));

    /// <summary>A client of the member's gRPC API (the ordinal is taken modulo the member count).</summary>
    public PerpStudioClient Client(int member, PerpStudioCredentials credentials) =>
        new(new Uri($"http://127.0.0.1:{_ports[member % MemberCount].Grpc}"), credentials);

    /// <summary>The member's web listener (probes and <c>/metrics</c>).</summary>
    public Uri WebAddress(int member) => new($"http://127.0.0.1:{_ports[member].Web}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var process in _everyProcess)
        {
            await process.DisposeAsync();
        }

        if (_venue is not null)
        {
            await _venue.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        Http.Dispose();
        Directory.Delete(_nonceDirectory, recursive: true);
    }

    private HostProcess StartMember(int ordinal, string start)
    {
        var (grpc, web, forwarding) = _ports[ordinal];
        var environment = new Dictionary<string, string>
        {
            ["PerpStudio__ListenAddress"] = "127.0.0.1",
            ["PerpStudio__Grpc__Port"] = Text(grpc),
            ["PerpStudio__Web__Port"] = Text(web),
            ["PerpStudio__Storage__Redis"] = _redis!.ConnectionString,
            ["PerpStudio__Cluster__MemberCount"] = Text(MemberCount),
            ["PerpStudio__Cluster__Ordinal"] = Text(ordinal),
            ["PerpStudio__Cluster__ForwardingPort"] = Text(forwarding),
            ["PerpStudio__Demo__ApiKey"] = RunningPlatform.DemoApiKey,
            ["PerpStudio__Demo__Markets__0"] = "BTC-USD:40",
            ["PerpStudio__Venues__Hyperliquid__Enabled"] = "true",
            ["PerpStudio__Venues__Hyperliquid__Network"] = "Testnet",
            ["PerpStudio__Venues__Hyperliquid__ApiUrl"] = _venue!.Server.BaseUri.ToString(),
            ["PerpStudio__Venues__Hyperliquid__AccountAddress"] = _venue.Master.ToString(),
            ["PerpStudio__Venues__Hyperliquid__AgentPrivateKey"] = _venue.AgentKeys[ordinal],
            ["PerpStudio__Venues__Hyperliquid__NonceStorePath"] = Path.Combine(_nonceDirectory, $"member-{ordinal}.nonce"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        for (var m = 0; m < MemberCount; m++)
        {
            environment[$"PerpStudio__Cluster__Peers__{m}"] = $"http://127.0.0.1:{_ports[m].Forwarding}";
        }

        var process = HostProcess.Start($"member {ordinal} ({start})", _hostDll, environment);
        _everyProcess.Add(process);
        return process;
    }

    private async Task WhenReadyAsync(int member)
    {
        var process = _members[member]!;
        await process.WhenStartedAsync(Patience);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            // started means the startup work is done; ready also needs the venue probed healthy
            using var response = await Http.GetAsync(new Uri(WebAddress(member), "/readyz"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{process.Name} is not ready: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
