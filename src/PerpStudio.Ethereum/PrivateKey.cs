using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace PerpStudio.Ethereum;

/// <summary>
/// A secp256k1 private key. It signs 32-byte hashes deterministically (RFC 6979 with HMAC-SHA256, the nonce every
/// Ethereum wallet uses), normalizes s to the lower half of the curve order (EIP-2) and returns the recovery id as
/// v = 27/28. The key never appears in <see cref="ToString"/> or a debugger display: only its address does.
/// </summary>
[DebuggerDisplay("PrivateKey for {Address}")]
public sealed class PrivateKey
{
    private readonly BigInteger _d;

    private PrivateKey(BigInteger d)
    {
        _d = d;
        PublicKey = new PublicKey(Secp256k1.MultiplyG(d));
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

        var d = Secp256k1.ToInteger(bytes);
        if (d.SignValue == 0 || d.CompareTo(Secp256k1.N) >= 0)
        {
            throw new ArgumentException("a private key must be between 1 and the secp256k1 order minus 1", nameof(bytes));
        }

        return new PrivateKey(d);
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
            var d = Secp256k1.ToInteger(bytes);
            if (d.SignValue != 0 && d.CompareTo(Secp256k1.N) < 0)
            {
                CryptographicOperations.ZeroMemory(bytes);
                return new PrivateKey(d);
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

        var message = hash.ToArray();
        var n = Secp256k1.N;
        var e = new BigInteger(1, message);
        var kCalculator = new HMacDsaKCalculator(new Sha256Digest());
        kCalculator.Init(n, _d, message);

        // The same loop as ECDSA signing, done here because the y parity of R (the recovery id) is needed too.
        while (true)
        {
            var k = kCalculator.NextK();
            var point = Secp256k1.MultiplyG(k);
            var x = point.AffineXCoord.ToBigInteger();
            if (x.CompareTo(n) >= 0)
            {
                // r = x mod n would need recovery ids 2/3, which v = 27/28 cannot carry; probability about 2^-128.
                continue;
            }

            var r = x;
            if (r.SignValue == 0)
            {
                continue;
            }

            var s = k.ModInverse(n).Multiply(e.Add(_d.Multiply(r))).Mod(n);
            if (s.SignValue == 0)
            {
                continue;
            }

            var recoveryId = point.AffineYCoord.TestBitZero() ? 1 : 0;
            if (s.CompareTo(Secp256k1.HalfN) > 0)
            {
                // Negating s mirrors R, so the parity of its y flips too.
                s = n.Subtract(s);
                recoveryId ^= 1;
            }

            Span<byte> rs = stackalloc byte[64];
            Secp256k1.Write32(r, rs);
            Secp256k1.Write32(s, rs[32..]);
            return EthereumSignature.FromParts(rs, recoveryId);
        }
    }

    /// <summary>Only the address, never the key.</summary>
    public override string ToString() => $"PrivateKey(address {Address})";
}
