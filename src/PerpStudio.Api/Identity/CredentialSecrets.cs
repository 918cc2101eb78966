using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PerpStudio.Api.Identity;

/// <summary>
/// Secrets handed out once (session tokens, API keys) and the SHA-256 digests they are stored and looked up by. A
/// secret is 32 random bytes, so a plain SHA-256 (no salt, no stretching) cannot be reversed or guessed.
/// </summary>
public static class CredentialSecrets
{
    /// <summary>The prefix of API keys: <c>psk_{keyId}_{secret}</c>.</summary>
    public const string ApiKeyPrefix = "psk_";

    /// <summary>32 random bytes, base64url without padding (43 characters).</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A short public id (16 hex characters) for keys and sessions.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>A SIWE nonce: 16 alphanumeric characters (EIP-4361 asks for at least 8).</summary>
    public static string NewNonce()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }

    /// <summary>A new API key for <paramref name="keyId"/>.</summary>
    public static string NewApiKey(string keyId) => $"{ApiKeyPrefix}{keyId}_{NewToken()}";

    /// <summary>The lower-case hex SHA-256 of the secret's UTF-8 bytes: the only form stored.</summary>
    public static string Digest(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Digest(secret.AsSpan());
    }

    /// <summary>The digest of a secret given as characters (e.g. a slice of a header), with no intermediate strings.</summary>
    public static string Digest(ReadOnlySpan<char> secret)
    {
        // digests run on every authenticated call: the UTF-8 bytes and the hash live on the stack, not the heap
        const int StackLimit = 256;
        var size = Encoding.UTF8.GetMaxByteCount(secret.Length);
        var rented = size > StackLimit ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            Span<byte> utf8 = rented ?? stackalloc byte[StackLimit];
            var written = Encoding.UTF8.GetBytes(secret, utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary>Compares two digests in constant time.</summary>
    public static bool DigestsEqual(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(a.AsSpan()), MemoryMarshal.AsBytes(b.AsSpan()));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
