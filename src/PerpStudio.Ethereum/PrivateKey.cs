using System.Diagnostics;
using System.Security.Cryptography;
using PerpStudio.Ethereum.Secp256k1;

namespace PerpStudio.Ethereum;

/// <summary>
/// A secp256k1 private key. It signs 32-byte hashes deterministically (RFC 6979 with HMAC-SHA256, the nonce every
/// Ethereum wallet uses), normalizes s to the lower half of the curve order (EIP-2) and returns the recovery id as
/// v = 27/28. The key never appears in <see cref="ToString"/> or a debugger display: only its address does.
/// </summary>
[DebuggerDisplay("PrivateKey for {Address}")]
public sealed class PrivateKey
{
    private readonly Scalar _d;

    private PrivateKey(in Scalar d)
    {
        _d = d;
        PublicKey = new PublicKey(Ecdsa.PublicKeyOf(d));
    }

    /// <summary>The matching public key.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>The account address of this key.</summary>
    public EthereumAddress Address => PublicKey.Address;

    /// <summary>A key from 32 big-endian bytes, which must lie in [1, n-1].</summary>
    /// <exception cref="ArgumentException">Not 32 bytes, zero, or not below the curve order.</exception>
    public static PrivateKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException($"a private key is 32 bytes, got {bytes.Length}", nameof(bytes));
        }

        if (!Scalar.TryRead(bytes, out var d) || d.IsZero)
        {
            Ecdsa.Wipe(ref d);
            throw new ArgumentException("a private key must be between 1 and the secp256k1 order minus 1", nameof(bytes));
        }

        var key = new PrivateKey(d);
        Ecdsa.Wipe(ref d);
        return key;
    }

    /// <summary>A key from <c>0x</c> + 64 hex digits.</summary>
    /// <exception cref="FormatException">Malformed hex, wrong length, or a value outside [1, n-1].</exception>
    public static PrivateKey FromHex(string? hex)
    {
        var bytes = Hex.Decode(hex, 32, "private key");
        try
        {
            return FromBytes(bytes);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message.Split(" (Parameter")[0], e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>A fresh random key from the operating system's CSPRNG.</summary>
    public static PrivateKey Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            if (Scalar.TryRead(bytes, out var d) && !d.IsZero)
            {
                CryptographicOperations.ZeroMemory(bytes);
                var key = new PrivateKey(d);
                Ecdsa.Wipe(ref d);
                return key;
            }
        }
    }

    /// <summary>Signs a 32-byte hash: RFC 6979 nonce, low s, recovery id in v.</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public EthereumSignature SignHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException($"a hash to sign is 32 bytes, got {hash.Length}", nameof(hash));
        }

        Span<byte> rs = stackalloc byte[64];
        var recoveryId = Ecdsa.Sign(_d, hash, rs);
        return EthereumSignature.FromParts(rs, recoveryId);
    }

    /// <summary>Only the address, never the key.</summary>
    public override string ToString() => $"PrivateKey(address {Address})";
}
