using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PerpStudio.Runtime.Remote;
using PerpStudio.Runtime.Storage;
using PerpStudio.Testing;

namespace PerpStudio.Runtime.Tests.Remote;

/// <summary>Members waiting for each other's forwarding listeners, over real Kestrel listeners on loopback.</summary>
public sealed class ClusterPeersTests
{
    private readonly MemoryGrainStorage _store = new(new GrainStateSerializer(new()));

    [Fact]
    public async Task A_wait_started_before_a_peer_listens_completes_once_it_listens()
    {
        var peers = ClusterMember.LoopbackPeers(2);
        await using var first = await StartAsync(new ClusterMembership(0, peers, peers[0].Port));
        using var probe = Peers(new ClusterMembership(0, peers, peers[0].Port), TimeProvider.System);
        (await probe.IsListeningAsync(0, CancellationToken.None)).ShouldBeTrue();
        (await probe.IsListeningAsync(1, CancellationToken.None)).ShouldBeFalse();

        var waiting = probe.WaitForAllAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        waiting.IsCompleted.ShouldBeFalse("member 1 does not listen yet");
        await using var second = await StartAsync(new ClusterMembership(1, peers, peers[1].Port));

        (await waiting.WaitAsync(TimeSpan.FromMinutes(1))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_peer_still_silent_at_the_deadline_is_named_and_the_wait_ends()
    {
        var peers = ClusterMember.LoopbackPeers(3);
        await using var first = await StartAsync(new ClusterMembership(0, peers, peers[0].Port));
        using var probe = Peers(new ClusterMembership(0, peers, peers[0].Port), new ManualTimeProvider());

        // the deadline has passed at the first look: whoever did not answer is reported, nothing waits on the clock
        (await probe.WaitForAllAsync(TimeSpan.Zero, CancellationToken.None)).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task An_address_where_another_member_answers_is_a_configuration_error_not_a_wait()
    {
        var peers = ClusterMember.LoopbackPeers(2);
        await using var first = await StartAsync(new ClusterMembership(0, peers, peers[0].Port));

        // this view says member 1 lives where member 0 listens
        using var probe = Peers(new ClusterMembership(1, [peers[1], peers[0]], peers[1].Port), TimeProvider.System);

        var wrong = await Should.ThrowAsync<InvalidOperationException>(() => probe.IsListeningAsync(1, CancellationToken.None));
        wrong.Message.ShouldContain("answers as member '0', not as member 1");
    }

    private static ClusterPeers Peers(ClusterMembership membership, TimeProvider time) =>
        new(membership, HttpForwardingOptions.DefaultPath, time, NullLogger<ClusterPeers>.Instance);

    private Task<ClusterMember> StartAsync(ClusterMembership membership) =>
        ClusterMember.StartAsync(membership, runtime => runtime.Services.AddKeyedSingleton<IGrainStorage>("store", _store));
}
