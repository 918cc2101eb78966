using PerpStudio.Runtime;

namespace PerpStudio.Host.Cluster;

/// <summary>
/// Which member owns a grain. A trader's grains (account <c>op/trader</c>, isolated positions <c>op/trader/market</c>)
/// hash on <c>op/trader</c>, so an order's account and position calls stay in one process. Every other grain (operator
/// grains keyed <c>op</c>, market grains keyed by symbol, platform singletons) hashes on its whole key: owned by one
/// stable member, reached from the others by forwarding.
/// </summary>
public static class PlatformShardKey
{
    /// <summary>The string hashed for <paramref name="grain"/>.</summary>
    public static string Of(GrainId grain)
    {
        var key = grain.Key;
        var first = key.IndexOf('/', StringComparison.Ordinal);
        if (first < 0)
        {
            return key;
        }

        var second = key.IndexOf('/', first + 1);
        return second < 0 ? key : key[..second];
    }
}
