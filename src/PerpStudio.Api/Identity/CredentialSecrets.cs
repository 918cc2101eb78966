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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Compares two digests in constant time.</summary>
    public static bool DigestsEqual(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
