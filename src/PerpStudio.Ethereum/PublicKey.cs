using PerpStudio.Ethereum.Secp256k1;

namespace PerpStudio.Ethereum;

/// <summary>A secp256k1 public key and the Ethereum address derived from it.</summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _xy;

    internal PublicKey(in AffinePoint point)
    {
        _xy = new byte[64];
        point.Write(_xy);
        Address = EthereumAddress.FromPublicKey(_xy);
    }

    /// <summary>The address: the last 20 bytes of keccak256(X || Y).</summary>
    public EthereumAddress Address { get; }

    /// <summary>Reads a public key: 33 bytes compressed, 65 bytes uncompressed (0x04 prefix) or 64 bytes X || Y.</summary>
    /// <exception cref="FormatException">A length other than 33/64/65, or a point not on the curve.</exception>
    public static PublicKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        Span<byte> encoded = stackalloc byte[65];
        switch (bytes.Length)
        {
            case 64:
                encoded[0] = 0x04;
                bytes.CopyTo(encoded[1..]);
                break;
            case 33 or 65:
                encoded = encoded[..bytes.Length];
                bytes.CopyTo(encoded);
                break;
            default:
                throw new FormatException($"a public key is 33, 64 or 65 bytes, got {bytes.Length}");
        }

        var error = AffinePoint.TryDecode(encoded, out var point);
        return error is null ? new PublicKey(point) : throw new FormatException($"not a secp256k1 public key: {error}");
    }

    /// <summary>
    /// Recovers the signer's public key from a 32-byte hash and a signature (Ethereum's ecrecover). s must be in the lower
    /// half of the curve order (EIP-2), which removes the second, malleable form of every signature.
    /// </summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    /// <exception cref="FormatException">r or s is out of range, or r is not the x of a curve point.</exception>
    public static PublicKey Recover(ReadOnlySpan<byte> hash, EthereumSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (hash.Length != 32)
        {
            throw new ArgumentException($"a signed hash is 32 bytes, got {hash.Length}", nameof(hash));
        }

        if (!Scalar.TryRead(signature.R, out var r) || r.IsZero)
        {
            throw new FormatException("signature r must be between 1 and the secp256k1 order minus 1");
        }

        if (!Scalar.TryRead(signature.S, out var s) || s.IsZero)
        {
            throw new FormatException("signature s must be between 1 and the secp256k1 order minus 1");
        }

        if (s.IsHigh)
        {
            throw new FormatException("signature s is in the upper half of the secp256k1 order (malleable form, rejected per EIP-2)");
        }

        return Ecdsa.TryRecover(hash, r, s, signature.RecoveryId, out var q) switch
        {
            RecoveryFailure.None => new PublicKey(q),
            RecoveryFailure.RIsNotOnCurve => throw new FormatException("signature r is not the x coordinate of a secp256k1 point"),
            _ => throw new FormatException("signature recovers to the point at infinity"),
        };
    }

    /// <summary>The 64 bytes X || Y.</summary>
    public byte[] ToBytes() => (byte[])_xy.Clone();

    /// <summary>The 65-byte uncompressed SEC1 form, 0x04 || X || Y.</summary>
    public byte[] ToUncompressedBytes()
    {
        var bytes = new byte[65];
        bytes[0] = 0x04;
        _xy.CopyTo(bytes, 1);
        return bytes;
    }

    /// <inheritdoc />
    public bool Equals(PublicKey? other) => other is not null && _xy.AsSpan().SequenceEqual(other._xy);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc />
    public override int GetHashCode() => Address.GetHashCode();

    /// <summary>The 0x04-prefixed uncompressed hex.</summary>
    public override string ToString() => Hex.Encode(ToUncompressedBytes());
}
