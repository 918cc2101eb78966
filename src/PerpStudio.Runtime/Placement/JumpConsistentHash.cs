namespace PerpStudio.Runtime.Placement;

/// <summary>
/// Lamping and Veach's jump consistent hash ("A Fast, Minimal Memory, Consistent Hash Algorithm", 2014): maps a 64-bit
/// key to one of N buckets so that buckets are balanced and growing N to N+1 only moves keys into the new bucket.
/// </summary>
public static class JumpConsistentHash
{
    /// <summary>The bucket of <paramref name="key"/>, from 0 to <paramref name="buckets"/> - 1.</summary>
    /// <param name="key">A well-mixed 64-bit key.</param>
    /// <param name="buckets">The number of buckets, at least 1.</param>
    public static int Bucket(ulong key, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        long bucket = -1;
        long next = 0;
        while (next < buckets)
        {
            bucket = next;
            key = unchecked((key * 2862933555777941757UL) + 1);
            next = (long)((bucket + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }

        return (int)bucket;
    }
}
