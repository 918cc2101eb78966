using System.Text;

namespace PerpStudio.Runtime.Placement;

/// <summary>
/// A hash of grain keys that is the same in every process, on every machine and in every version (unlike
/// <see cref="string.GetHashCode()"/>): FNV-1a over the UTF-8 bytes, then a 64-bit finalizer so that keys differing
/// only in their last characters still spread over all bits.
/// </summary>
public static class StableKeyHash
{
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The stable hash of a key.</summary>
    /// <param name="key">The key.</param>
    public static ulong Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> buffer = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(key, buffer);
        return Mix(Fnv1a64(buffer[..length]));
    }

    /// <summary>64-bit FNV-1a of a byte string.</summary>
    /// <param name="bytes">The bytes.</param>
    public static ulong Fnv1a64(ReadOnlySpan<byte> bytes)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * FnvPrime);
        }

        return hash;
    }

    // MurmurHash3's fmix64: every input bit affects every output bit.
    private static ulong Mix(ulong h)
    {
        unchecked
        {
            h ^= h >> 33;
            h *= 0xff51afd7ed558ccdUL;
            h ^= h >> 33;
            h *= 0xc4ceb9fe1a85ec53UL;
            h ^= h >> 33;
            return h;
        }
    }
}
