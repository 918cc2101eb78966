using PerpStudio.Testing;
using PerpStudio.Runtime.Placement;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests.Placement;

public sealed class ShardedRuntimeTests
{
    [Fact]
    public async Task Calls_to_grains_owned_by_another_member_are_forwarded_and_each_grain_lives_on_its_owner_only()
    {
        var members = new TestSilo[2];
        var clock = new ManualTimeProvider();
        var probe = new GrainProbe();
        for (var m = 0; m < members.Length; m++)
        {
            var member = m;
            members[m] = TestSilo.Create(
                clock: clock,
                probe: probe,
                more: b => b
                    .UsePlacement(new ShardedGrainPlacement(members.Length, member))
                    .UseRemoteGrainInvoker(_ => new InProcessGrainInvoker(owner => members[owner].Runtime)));
        }

        try
        {
            var keys = Enumerable.Range(0, 40).Select(i => $"op1/trader{i}").ToArray();
            foreach (var key in keys)
            {
                (await members[0].Grains.GetGrain<ICounterGrain>(key).IncrementAsync()).ShouldBe(1);
                (await members[1].Grains.GetGrain<ICounterGrain>(key).IncrementAsync()).ShouldBe(2);
            }

            var placement = new ShardedGrainPlacement(2, 0);
            var ownedBy0 = keys.Count(k => placement.GetOwner(new GrainId("counter", k)) == 0);
            ownedBy0.ShouldBeInRange(1, keys.Length - 1);
            members[0].Runtime.ActivationCount.ShouldBe(ownedBy0);
            members[1].Runtime.ActivationCount.ShouldBe(keys.Length - ownedBy0);
            foreach (var key in keys)
            {
                probe.CountOf("activate " + key).ShouldBe(1);
            }
        }
        finally
        {
            foreach (var member in members)
            {
                await member.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Without_a_remote_invoker_a_call_to_a_grain_owned_elsewhere_fails_clearly()
    {
        await using var silo = TestSilo.Create(more: b => b.UsePlacement(new ShardedGrainPlacement(2, 0)));
        var placement = new ShardedGrainPlacement(2, 0);
        var foreignKey = Enumerable.Range(0, 100).Select(i => $"k{i}").First(k => placement.GetOwner(new GrainId("counter", k)) == 1);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => silo.Grains.GetGrain<ICounterGrain>(foreignKey).IncrementAsync());

        refused.Message.ShouldBe($"counter/{foreignKey} belongs to member 1, and no IRemoteGrainInvoker is configured to forward calls to it");
    }

    /// <summary>Forwards to another runtime in the same process, standing where a network transport will.</summary>
    private sealed class InProcessGrainInvoker(Func<int, GrainRuntime> members) : IRemoteGrainInvoker
    {
        public Task<object?> InvokeAsync(int owner, GrainCall call, CancellationToken cancellationToken) =>
            members(owner).InvokeLocalAsync(call);
    }
}
