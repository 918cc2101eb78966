using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;
using PerpStudio.Host.Cluster;
using PerpStudio.Host.Composition;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime.Remote;
using PerpStudio.Testing;
using PerpStudio.Testing.Redis;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>How a member starts beside peers that are slower: it listens first, then waits for them, then does its work.</summary>
public sealed class MemberStartupTests
{
    [Fact]
    public async Task With_Redis_a_member_listens_for_forwarding_before_its_startup_work_and_waits_for_a_slower_peer()
    {
        await using var redis = await RedisServer.StartAsync();
        var fleet = new VenueFleet([new SimulatedVenueSettings { Name = "sim-a", Seed = 5, StepInterval = TimeSpan.FromHours(1) }], TimeProvider.System);
        var forwarding = new[] { FreeTcpPort.Next(), FreeTcpPort.Next() };
        var web = FreeTcpPort.Next();

        var starting = ClusterHost.StartAsync(Settings(0, forwarding, web, redis.ConnectionString), fleet);

        // its forwarding listener answers while its start still waits: member 1 is not there yet
        using var probe = new ClusterPeers(
            new ClusterMembership(0, [new Uri($"http://127.0.0.1:{forwarding[0]}")]), HttpForwardingOptions.DefaultPath, TimeProvider.System, NullLogger<ClusterPeers>.Instance);
        (await probe.WaitForAllAsync(TimeSpan.FromMinutes(1), CancellationToken.None)).ShouldBeEmpty();
        starting.IsCompleted.ShouldBeFalse("member 0 waits for member 1 before its startup work");
        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{web}") })
        {
            (await http.GetAsync("/readyz")).StatusCode.ShouldNotBe(HttpStatusCode.OK, "not ready before its startup work ran");
        }

        await using var second = await ClusterHost.StartAsync(Settings(1, forwarding, FreeTcpPort.Next(), redis.ConnectionString), fleet);
        await using var first = await starting.WaitAsync(TimeSpan.FromMinutes(1));

        // both seeded the demo at once, and either routes the demo trader's orders
        first.Platform.Demo.ShouldNotBeNull();
        second.Platform.Demo.ShouldNotBeNull();
        foreach (var (member, n) in new[] { (first, 0), (second, 1) })
        {
            using var client = member.Client(PerpStudioCredentials.ApiKey(RunningPlatform.DemoApiKey));
            var order = await client.PlaceOrderAsync(new PlaceOrderRequest
            {
                ClientOrderId = $"startup-{n}",
                Market = "BTC-USD",
                Side = Side.Buy,
                Type = OrderType.Market,
                Size = "0.01",
                MarginMode = MarginMode.Cross,
                Leverage = 5,
            });
            order.Order.Status.ShouldBe(OrderStatus.Filled, order.Order.ToString());
        }
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-00:00:05")]
    [InlineData("00:00:00")]
    public void A_peer_wait_that_is_not_a_positive_time_span_is_refused_naming_the_setting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("PerpStudio:Cluster:PeerWait", value)]).Build();

        var refused = Should.Throw<PlatformConfigurationException>(() => ClusterComposition.ReadPeerWait(configuration));

        refused.Problems.ShouldHaveSingleItem().ShouldStartWith($"PerpStudio:Cluster:PeerWait is '{value}'");
    }

    [Fact]
    public void The_peer_wait_defaults_to_two_minutes_and_reads_a_time_span()
    {
        ClusterComposition.ReadPeerWait(new ConfigurationBuilder().Build()).ShouldBe(TimeSpan.FromMinutes(2));
        ClusterComposition.ReadPeerWait(new ConfigurationBuilder().AddInMemoryCollection([new("PerpStudio:Cluster:PeerWait", "00:00:30")]).Build())
            .ShouldBe(TimeSpan.FromSeconds(30));
    }

    private static (string, string)[] Settings(int ordinal, int[] forwarding, int web, string redis) =>
    [
        ("PerpStudio:Storage:Redis", redis),
        ("PerpStudio:Grpc:Port", Text(FreeTcpPort.Next())),
        ("PerpStudio:Web:Port", Text(web)),
        ("PerpStudio:Cluster:MemberCount", "2"),
        ("PerpStudio:Cluster:Ordinal", Text(ordinal)),
        ("PerpStudio:Cluster:ForwardingPort", Text(forwarding[ordinal])),
        ("PerpStudio:Cluster:Peers:0", $"http://127.0.0.1:{forwarding[0]}"),
        ("PerpStudio:Cluster:Peers:1", $"http://127.0.0.1:{forwarding[1]}"),
        ("PerpStudio:Venues:Simulated:0:Name", "sim-a"),
    ];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
