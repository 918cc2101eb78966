using PerpStudio.Runtime.Placement;
using PerpStudio.Runtime.Remote;
using PerpStudio.Runtime.Storage;
using PerpStudio.Runtime.Tests.Support;
using PerpStudio.Testing.Redis;

namespace PerpStudio.Runtime.Tests.Remote;

/// <summary>Members forwarding over HTTP with their grain state in a real redis-server.</summary>
public sealed class RedisForwardingTests : IAsyncLifetime
{
    private RedisServer? _redis;

    private RedisServer Redis => _redis ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restarting_a_member_with_Redis_loses_no_acknowledged_write()
    {
        var peers = ClusterMember.LoopbackPeers(2);
        var first = await StartAsync(new ClusterMembership(0, peers, peers[0].Port));
        var second = await StartAsync(new ClusterMembership(1, peers, peers[1].Port));
        try
        {
            var placement = new ShardedGrainPlacement(2, 0);
            var keys = Enumerable.Range(0, 20).Select(i => $"op1/trader{i}").ToArray();
            var remoteKey = keys.First(k => placement.GetOwner(new GrainId("counter", k)) == 1);
            foreach (var key in keys)
            {
                for (var i = 1; i <= 3; i++)
                {
                    (await first.Grains.GetGrain<ICounterGrain>(key).IncrementAsync()).ShouldBe(i);
                }
            }

            await second.DisposeAsync(); // no deactivation, no last writes

            // While its owner is down a call fails; it never runs on a member that does not own the grain.
            await Should.ThrowAsync<HttpRequestException>(() => first.Grains.GetGrain<ICounterGrain>(remoteKey).IncrementAsync());
            first.Runtime.ActivationCount.ShouldBe(keys.Count(k => placement.GetOwner(new GrainId("counter", k)) == 0));

            second = await StartAsync(new ClusterMembership(1, peers, peers[1].Port));
            foreach (var key in keys)
            {
                (await first.Grains.GetGrain<ICounterGrain>(key).IncrementAsync()).ShouldBe(4);
                (await second.Grains.GetGrain<ICounterGrain>(key).PeekAsync()).ShouldBe(4);
            }
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_members_that_both_claim_a_grain_cannot_both_win_a_write()
    {
        // One process that believes it is alone, and a two-member cluster: both think they own the key.
        var alone = await StartAsync(new ClusterMembership(0, ClusterMember.LoopbackPeers(1)));
        var peers = ClusterMember.LoopbackPeers(2);
        var entry = await StartAsync(new ClusterMembership(0, peers));
        var owner = await StartAsync(new ClusterMembership(1, peers));
        try
        {
            var placement = new ShardedGrainPlacement(2, 0);
            var key = Enumerable.Range(0, 100).Select(i => $"op1/trader{i}").First(k => placement.GetOwner(new GrainId("counter", k)) == 1);
            var here = alone.Grains.GetGrain<ICounterGrain>(key);
            var there = entry.Grains.GetGrain<ICounterGrain>(key); // forwarded to member 1
            await here.PeekAsync();
            await there.PeekAsync();

            (await here.IncrementAsync()).ShouldBe(1);
            var lost = await Should.ThrowAsync<InconsistentStateException>(() => there.IncrementAsync());

            lost.Message.ShouldContain($"counter/{key}");
            (await there.IncrementAsync()).ShouldBe(2); // the loser reloaded the winner's state
            (await Redis.CommandAsync("HEXISTS", $"test:counter:{key}", "state:counter")).ShouldBe(":1\r\n");
        }
        finally
        {
            await alone.DisposeAsync();
            await entry.DisposeAsync();
            await owner.DisposeAsync();
        }
    }

    private Task<ClusterMember> StartAsync(ClusterMembership membership) =>
        ClusterMember.StartAsync(membership, b => b.AddRedisGrainStorage("store", Redis.ConnectionString, keyPrefix: "test"));
}
