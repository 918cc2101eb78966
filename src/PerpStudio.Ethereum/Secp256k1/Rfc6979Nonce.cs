using System.Security.Cryptography;

namespace PerpStudio.Ethereum.Secp256k1;

/// <summary>
/// The deterministic ECDSA nonce of RFC 6979 section 3.2 for secp256k1 with HMAC-SHA256 (qlen = hlen = 256, so one
/// HMAC output per candidate). Its K and V live in caller-provided memory, which <see cref="Clear"/> wipes.
/// </summary>
internal ref struct Rfc6979Nonce
{
    private readonly Span<byte> _key;
    private readonly Span<byte> _value;
    private bool _started;

    /// <param name="state">64 bytes of scratch for K and V; the caller wipes it with <see cref="Clear"/>.</param>
    /// <param name="privateKey">x, the private key.</param>
    /// <param name="hash">h1, the 32-byte message hash.</param>
    public Rfc6979Nonce(Span<byte> state, in Scalar privateKey, ReadOnlySpan<byte> hash)
    {
        _key = state[..32];
        _value = state.Slice(32, 32);
        _started = false;

        // Steps b-g: V = 0x01..., K = 0x00..., then K and V mixed twice with int2octets(x) || bits2octets(h1).
        _value.Fill(0x01);
        _key.Clear();
        Span<byte> material = stackalloc byte[97];
        privateKey.Write(material.Slice(33, 32));
        Scalar.ReadReduced(hash).Write(material.Slice(65, 32));
        Mix(material, 0x00);
        Mix(material, 0x01);
        CryptographicOperations.ZeroMemory(material);
    }

    /// <summary>The next candidate k in [1, n-1] (step h); each later call is the retry of step h.3.</summary>
    public Scalar Next()
    {
        Span<byte> material = stackalloc byte[33];
        if (_started)
        {
            Retry(material);
        }

        _started = true;
        while (true)
        {
            Hmac(_value, _value);
            if (Scalar.TryRead(_value, out var k) && !k.IsZero)
            {
                CryptographicOperations.ZeroMemory(material);
                return k;
            }

            Retry(material);
        }
    }

    /// <summary>Wipes K and V.</summary>
    public readonly void Clear()
    {
        CryptographicOperations.ZeroMemory(_key);
        CryptographicOperations.ZeroMemory(_value);
    }

    /// <summary>K = HMAC_K(V || separator || rest), V = HMAC_K(V); material is V || separator || rest.</summary>
    private readonly void Mix(Span<byte> material, byte separator)
    {
        _value.CopyTo(material);
        material[32] = separator;
        Hmac(material, _key);
        Hmac(_value, _value);
    }

    /// <summary>Step h.3: K = HMAC_K(V || 0x00), V = HMAC_K(V).</summary>
    private readonly void Retry(Span<byte> material33) => Mix(material33, 0x00);

    private readonly void Hmac(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, message, mac);
        mac.CopyTo(destination);
        CryptographicOperations.ZeroMemory(mac);
    }
}
