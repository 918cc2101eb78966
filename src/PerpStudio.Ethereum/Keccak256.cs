using System.Buffers;
using Org.BouncyCastle.Crypto.Digests;

namespace PerpStudio.Ethereum;

/// <summary>
/// Ethereum's Keccak-256 (the original Keccak padding, not the FIPS-202 SHA3-256 that NIST standardized later).
/// </summary>
public static class Keccak256
{
    /// <summary>The digest length in bytes.</summary>
    public const int HashLength = 32;

    private const int ScratchLength = 1024;

    // One digest and one scratch buffer per thread: hashing is on the order signing hot path and must not allocate.
    [ThreadStatic]
    private static KeccakDigest? t_digest;

    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>Hashes <paramref name="data"/> into a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashLength];
        Hash(data, result);
        return result;
    }

    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashLength)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes, {HashLength} needed", nameof(destination));
        }

        var digest = t_digest ??= new KeccakDigest(256);
        var scratch = t_scratch ??= new byte[ScratchLength];

        // BouncyCastle 1.8 takes arrays only: feed the span through a reused buffer, chunk by chunk.
        while (!data.IsEmpty)
        {
            var n = Math.Min(data.Length, scratch.Length);
            data[..n].CopyTo(scratch);
            digest.BlockUpdate(scratch, 0, n);
            data = data[n..];
        }

        digest.DoFinal(scratch, 0);
        scratch.AsSpan(0, HashLength).CopyTo(destination);
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] HashUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var n = System.Text.Encoding.UTF8.GetBytes(text, rented);
            return Hash(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
