namespace PerpStudio.Runtime.Placement;

/// <summary>
/// Shards grains over <c>memberCount</c> members (e.g. the ordinals of a Kubernetes StatefulSet) by a jump consistent
/// hash of a stable 64-bit hash of the grain's shard key. Growing from N to N+1 members moves only about 1/(N+1) of the
/// keys, all of them to the new member.
/// </summary>
public sealed class ShardedGrainPlacement : IGrainPlacement
{
    private readonly int _memberCount;
    private readonly Func<GrainId, string> _shardKey;

    /// <summary>Creates the placement for one member.</summary>
    /// <param name="memberCount">How many members share the grains.</param>
    /// <param name="localMember">This process's member number, 0 to <paramref name="memberCount"/> - 1.</param>
    /// <param name="shardKey">
    /// The string hashed for a grain; by default its key, so grains of different types with the same key live together.
    /// A prefix of the key (e.g. <c>operator/trader</c>) keeps a trader's account and isolated positions on one member.
    /// </param>
    public ShardedGrainPlacement(int memberCount, int localMember, Func<GrainId, string>? shardKey = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memberCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(localMember);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(localMember, memberCount);
        _memberCount = memberCount;
        LocalMember = localMember;
        _shardKey = shardKey ?? (static id => id.Key);
    }

    /// <inheritdoc/>
    public int LocalMember { get; }

    /// <inheritdoc/>
    public int GetOwner(GrainId grainId) => JumpConsistentHash.Bucket(StableKeyHash.Of(_shardKey(grainId)), _memberCount);
}
