using Microsoft.Extensions.Configuration;
using PerpStudio.Runtime.Remote;

namespace PerpStudio.Runtime.Tests.Remote;

public sealed class ClusterMembershipTests
{
    [Theory]
    [InlineData("perpstudio-0", 0)]
    [InlineData("perpstudio-2", 2)]
    [InlineData("my-exchange-perpstudio-17", 17)]
    public void The_ordinal_is_the_number_ending_a_StatefulSet_pod_name(string podName, int ordinal) =>
        ClusterMembership.OrdinalOf(podName).ShouldBe(ordinal);

    [Theory]
    [InlineData("perpstudio")]
    [InlineData("perpstudio-")]
    [InlineData("perpstudio-x1")]
    [InlineData("perpstudio-+1")]
    public void A_pod_name_without_an_ordinal_is_refused(string podName) =>
        Should.Throw<ArgumentException>(() => ClusterMembership.OrdinalOf(podName)).Message
            .ShouldStartWith($"POD_NAME '{podName}' does not end with -<ordinal>");

    [Fact]
    public void Configuration_gives_the_member_count_the_ordinal_from_the_pod_name_and_every_peer_address()
    {
        var membership = ClusterMembership.FromConfiguration(Configuration(
            ("PerpStudio:Cluster:MemberCount", "3"),
            ("PerpStudio:Cluster:PeerAddressTemplate", "http://perpstudio-{0}.perpstudio-headless:5002"),
            ("POD_NAME", "perpstudio-2")));

        membership.MemberCount.ShouldBe(3);
        membership.LocalMember.ShouldBe(2);
        membership.ForwardingPort.ShouldBe(5002);
        membership.Peers.Select(p => p.ToString()).ShouldBe(
        [
            "http://perpstudio-0.perpstudio-headless:5002/",
            "http://perpstudio-1.perpstudio-headless:5002/",
            "http://perpstudio-2.perpstudio-headless:5002/",
        ]);
    }

    [Fact]
    public void Without_cluster_settings_the_process_is_a_single_member()
    {
        var membership = ClusterMembership.FromConfiguration(Configuration());

        membership.MemberCount.ShouldBe(1);
        membership.LocalMember.ShouldBe(0);
    }

    [Fact]
    public void A_pod_whose_ordinal_is_not_below_the_member_count_is_refused() =>
        Should.Throw<ArgumentException>(() => ClusterMembership.FromConfiguration(Configuration(
            ("PerpStudio:Cluster:MemberCount", "2"),
            ("PerpStudio:Cluster:PeerAddressTemplate", "http://perpstudio-{0}.perpstudio-headless:5002"),
            ("POD_NAME", "perpstudio-2")))).Message
            .ShouldBe("this member's ordinal 2 (from POD_NAME 'perpstudio-2') is not below PerpStudio:Cluster:MemberCount 2");

    [Fact]
    public void Several_members_need_a_peer_address_template_with_the_ordinal()
    {
        Should.Throw<ArgumentException>(() => ClusterMembership.FromConfiguration(Configuration(
            ("PerpStudio:Cluster:MemberCount", "2"), ("POD_NAME", "perpstudio-1")))).Message
            .ShouldBe("PerpStudio:Cluster:PeerAddressTemplate is required when PerpStudio:Cluster:MemberCount is 2");
        Should.Throw<ArgumentException>(() => ClusterMembership.FromConfiguration(Configuration(
            ("PerpStudio:Cluster:MemberCount", "2"),
            ("PerpStudio:Cluster:PeerAddressTemplate", "http://perpstudio-headless:5002"),
            ("POD_NAME", "perpstudio-1")))).Message
            .ShouldStartWith("peer address template 'http://perpstudio-headless:5002' has no {0}");
    }

    [Fact]
    public void A_member_count_that_is_not_a_positive_integer_is_refused() =>
        Should.Throw<ArgumentException>(() => ClusterMembership.FromConfiguration(Configuration(
            ("PerpStudio:Cluster:MemberCount", "three")))).Message
            .ShouldBe("PerpStudio:Cluster:MemberCount is 'three'; it must be a non-negative integer");

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
