using System.Text;
using PerpStudio.Runtime.Placement;

namespace PerpStudio.Runtime.Tests.Placement;

public sealed class PlacementTests
{
    private static readonly string[] Keys = Enumerable.Range(0, 100_000).Select(i => $"op{i % 13}/trader{i}").ToArray();

    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void The_key_hash_is_FNV_1a_64_as_published(string input, ulong expected) =>
        StableKeyHash.Fnv1a64(Encoding.UTF8.GetBytes(input)).ShouldBe(expected);

    [Fact]
    public void Owners_are_spread_evenly_over_the_members()
    {
        foreach (var members in new[] { 2, 3, 7, 16 })
        {
            var placement = new ShardedGrainPlacement(members, 0);
            var perMember = new int[members];
            foreach (var key in Keys)
            {
                perMember[placement.GetOwner(new GrainId("account", key))]++;
            }

            var mean = (double)Keys.Length / members;
            perMember.ShouldAllBe(n => Math.Abs(n - mean) < mean * 0.05, $"{members} members: {string.Join(", ", perMember)}");
        }
    }

    [Fact]
    public void Adding_a_member_moves_only_the_keys_the_new_member_takes()
    {
        for (var members = 1; members < 12; members++)
        {
            var moved = 0;
            foreach (var key in Keys)
            {
                var hash = StableKeyHash.Of(key);
                var before = JumpConsistentHash.Bucket(hash, members);
                var after = JumpConsistentHash.Bucket(hash, members + 1);
                if (after != before)
                {
                    after.ShouldBe(members, $"key {key} moved between old members");
                    moved++;
                }
            }

            var expected = (double)Keys.Length / (members + 1);
            moved.ShouldBeInRange((int)(expected * 0.9), (int)(expected * 1.1));
        }
    }

    [Fact]
    public void Every_member_computes_the_same_owner_and_one_owns_everything_alone()
    {
        var members = Enumerable.Range(0, 5).Select(m => new ShardedGrainPlacement(5, m)).ToArray();
        foreach (var key in Keys.Take(1000))
        {
            var id = new GrainId("account", key);
            members.Select(m => m.GetOwner(id)).Distinct().Count().ShouldBe(1);
            new ShardedGrainPlacement(1, 0).GetOwner(id).ShouldBe(0);
        }
    }

    [Fact]
    public void A_shard_key_keeps_a_traders_grains_on_one_member()
    {
        var placement = new ShardedGrainPlacement(7, 0, id => string.Join('/', id.Key.Split('/').Take(2)));
        foreach (var trader in Enumerable.Range(0, 200).Select(i => $"op1/trader{i}"))
        {
            var account = placement.GetOwner(new GrainId("account", trader));
            placement.GetOwner(new GrainId("isolatedposition", trader + "/BTC-PERP")).ShouldBe(account);
            placement.GetOwner(new GrainId("isolatedposition", trader + "/ETH-PERP")).ShouldBe(account);
        }
    }

    [Fact]
    public void Out_of_range_members_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ShardedGrainPlacement(0, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new ShardedGrainPlacement(3, 3));
        Should.Throw<ArgumentOutOfRangeException>(() => JumpConsistentHash.Bucket(1, 0));
    }
}
