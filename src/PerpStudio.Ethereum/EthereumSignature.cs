using System.Numerics;

namespace PerpStudio.Ethereum;

/// <summary>
/// A recoverable secp256k1 signature as Ethereum wallets produce it: r and s of 32 bytes each and v = 27 or 28
/// (27 + recovery id). Serialized as 65 bytes r || s || v.
/// </summary>
public sealed class EthereumSignature : IEquatable<EthereumSignature>
{
    /// <summary>The serialized length: r (32) + s (32) + v (1).</summary>
    public const int Length = 65;

    private readonly byte[] _bytes;

    private EthereumSignature(byte[] bytes) => _bytes = bytes;

    /// <summary>Creates a signature from r, s (32 bytes each) and v.</summary>
    /// <param name="r">The r value, 32 big-endian bytes.</param>
    /// <param name="s">The s value, 32 big-endian bytes.</param>
    /// <param name="v">27 or 28; 0 and 1 (a bare recovery id, as some hardware wallets send) are normalized to 27 and 28.</param>
    /// <exception cref="ArgumentException">r or s is not 32 bytes, or v is none of 0, 1, 27, 28.</exception>
    public EthereumSignature(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int v)
    {
        if (r.Length != 32)
        {
            throw new ArgumentException($"r must be 32 bytes, got {r.Length}", nameof(r));
        }

        if (s.Length != 32)
        {
            throw new ArgumentException($"s must be 32 bytes, got {s.Length}", nameof(s));
        }

        _bytes = new byte[Length];
        r.CopyTo(_bytes);
        s.CopyTo(_bytes.AsSpan(32));
        _bytes[64] = NormalizeV(v) ?? throw new ArgumentException($"v must be 27 or 28 (or 0/1), got {v}", nameof(v));
    }

    /// <summary>r, 32 big-endian bytes.</summary>
    public ReadOnlySpan<byte> R => _bytes.AsSpan(0, 32);

    /// <summary>s, 32 big-endian bytes (at most n/2 for signatures this library makes).</summary>
    public ReadOnlySpan<byte> S => _bytes.AsSpan(32, 32);

    /// <summary>27 or 28.</summary>
    public int V => _bytes[64];

    /// <summary>The recovery id, 0 or 1 (v - 27).</summary>
    public int RecoveryId => _bytes[64] - 27;

    /// <summary>r as an unsigned integer (Hyperliquid prints it as hex without leading zeros).</summary>
    public BigInteger RInteger => new(R, isUnsigned: true, isBigEndian: true);

    /// <summary>s as an unsigned integer.</summary>
    public BigInteger SInteger => new(S, isUnsigned: true, isBigEndian: true);

    /// <summary>Reads 65 bytes r || s || v.</summary>
    /// <exception cref="FormatException">Not 65 bytes, or v is none of 0, 1, 27, 28.</exception>
    public static EthereumSignature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new FormatException($"a signature is {Length} bytes (r, s, v), got {bytes.Length}");
        }

        var v = NormalizeV(bytes[64]) ?? throw new FormatException($"signature v must be 27 or 28 (or 0/1), got {bytes[64]}");
        var copy = bytes.ToArray();
        copy[64] = v;
        return new EthereumSignature(copy);
    }

    /// <summary>Parses <c>0x</c> + 130 hex digits (r || s || v).</summary>
    /// <exception cref="FormatException">Malformed hex, wrong length or invalid v.</exception>
    public static EthereumSignature Parse(string? hex)
    {
        var bytes = Hex.Decode(hex);
        if (bytes.Length != Length)
        {
            throw new FormatException($"a signature is {Length} bytes (130 hex digits after 0x), got {bytes.Length} bytes");
        }

        return FromBytes(bytes);
    }

    /// <summary>The 65 bytes r || s || v.</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>Writes the 65 bytes r || s || v.</summary>
    public void WriteTo(Span<byte> destination) => _bytes.CopyTo(destination);

    /// <summary>The <c>0x</c>-prefixed hex of the 65 bytes, the form <c>personal_sign</c> and <c>eth_signTypedData_v4</c> return.</summary>
    public string ToHex() => Hex.Encode(_bytes);

    /// <summary>The signer's address for a 32-byte hash (see <see cref="PublicKey.Recover"/>).</summary>
    public EthereumAddress RecoverAddress(ReadOnlySpan<byte> hash) => PublicKey.Recover(hash, this).Address;

    /// <inheritdoc />
    public override string ToString() => ToHex();

    /// <inheritdoc />
    public bool Equals(EthereumSignature? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EthereumSignature);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    internal static EthereumSignature FromParts(ReadOnlySpan<byte> rs64, int recoveryId)
    {
        var bytes = new byte[Length];
        rs64.CopyTo(bytes);
        bytes[64] = (byte)(27 + recoveryId);
        return new EthereumSignature(bytes);
    }

    private static byte? NormalizeV(int v) => v switch
    {
        27 or 28 => (byte)v,
        0 or 1 => (byte)(v + 27),
        _ => null,
    };
}
