using System.Buffers.Binary;

namespace PerpStudio.Ethereum;

/// <summary>
/// A 20-byte Ethereum account address. Text form is EIP-55 mixed-case checksum; parsing accepts all-lowercase and
/// all-uppercase digits without a checksum, and rejects mixed case whose checksum is wrong.
/// </summary>
public readonly struct EthereumAddress : IEquatable<EthereumAddress>
{
    /// <summary>The address length in bytes.</summary>
    public const int Length = 20;

    // Three fields keep the address a value with cheap equality and no heap allocation.
    private readonly ulong _high;
    private readonly ulong _middle;
    private readonly uint _low;

    private EthereumAddress(ReadOnlySpan<byte> bytes)
    {
        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _middle = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _low = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>The zero address 0x0000000000000000000000000000000000000000.</summary>
    public static EthereumAddress Zero => default;

    /// <summary>An address from exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 20 bytes long.</exception>
    public static EthereumAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"an address is {Length} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new EthereumAddress(bytes);
    }

    /// <summary>The address of an uncompressed public key (64 bytes X||Y): the last 20 bytes of its Keccak-256.</summary>
    public static EthereumAddress FromPublicKey(ReadOnlySpan<byte> publicKeyXy)
    {
        if (publicKeyXy.Length != 64)
        {
            throw new ArgumentException($"an uncompressed public key is 64 bytes (X||Y), got {publicKeyXy.Length}", nameof(publicKeyXy));
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(publicKeyXy, hash);
        return new EthereumAddress(hash[12..]);
    }

    /// <summary>Parses <c>0x</c> + 40 hex digits, enforcing the EIP-55 checksum when the digits are mixed case.</summary>
    /// <exception cref="FormatException">Malformed text, wrong length, or a mixed-case address whose checksum is wrong.</exception>
    public static EthereumAddress Parse(string? text)
    {
        var bytes = Hex.Decode(text, Length, "address");
        var address = new EthereumAddress(bytes);
        var digits = text.AsSpan(2);
        bool hasLower = false, hasUpper = false;
        foreach (var c in digits)
        {
            hasLower |= c is >= 'a' and <= 'f';
            hasUpper |= c is >= 'A' and <= 'F';
        }

        if (hasLower && hasUpper)
        {
            var expected = address.ToString();
            if (!digits.SequenceEqual(expected.AsSpan(2)))
            {
                throw new FormatException($"address {text} has a wrong EIP-55 checksum (expected {expected})");
            }
        }

        return address;
    }

    /// <summary>Parses without throwing; false for anything <see cref="Parse"/> would reject.</summary>
    public static bool TryParse(string? text, out EthereumAddress address)
    {
        try
        {
            address = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            address = default;
            return false;
        }
    }

    /// <summary>True when the text is a valid address and, if mixed case, carries the right EIP-55 checksum.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Writes the 20 bytes into <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _middle);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _low);
    }

    /// <summary>The 20 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>All-lowercase <c>0x</c> form (what Hyperliquid's wire format and many APIs use).</summary>
    public string ToLowerHex()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteTo(bytes);
        return Hex.Encode(bytes);
    }

    /// <summary>The EIP-55 checksum form: a hex letter is uppercase when the matching nibble of keccak(lowercase hex) is 8 or more.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteTo(bytes);
        Span<char> lower = stackalloc char[2 * Length];
        Hex.EncodeDigits(bytes, lower);
        Span<byte> ascii = stackalloc byte[2 * Length];
        for (var i = 0; i < lower.Length; i++)
        {
            ascii[i] = (byte)lower[i];
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(ascii, hash);
        Span<char> result = stackalloc char[2 + (2 * Length)];
        result[0] = '0';
        result[1] = 'x';
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            var c = lower[i];
            result[2 + i] = c >= 'a' && nibble >= 8 ? (char)(c - 32) : c;
        }

        return new string(result);
    }

    /// <inheritdoc />
    public bool Equals(EthereumAddress other) => _high == other._high && _middle == other._middle && _low == other._low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EthereumAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_high, _middle, _low);

    /// <summary>Equality of the 20 bytes.</summary>
    public static bool operator ==(EthereumAddress left, EthereumAddress right) => left.Equals(right);

    /// <summary>Inequality of the 20 bytes.</summary>
    public static bool operator !=(EthereumAddress left, EthereumAddress right) => !left.Equals(right);
}
