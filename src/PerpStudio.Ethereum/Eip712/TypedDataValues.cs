using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace PerpStudio.Ethereum.Eip712;

/// <summary>Encodes atomic and dynamic EIP-712 values into their 32-byte slot, with precise errors for values that do not fit.</summary>
internal static class TypedDataValues
{
    public static void EncodeAtomic(TypedDataType type, object? value, Span<byte> slot)
    {
        switch (type.Kind)
        {
            case TypedDataKind.Uint:
            case TypedDataKind.Int:
                EncodeInteger(type, value, slot);
                break;
            case TypedDataKind.Bool:
                if (value is not bool flag)
                {
                    throw new TypedDataException($"expected a bool, got {TypedDataSchema.Describe(value)}");
                }

                slot.Clear();
                slot[31] = flag ? (byte)1 : (byte)0;
                break;
            case TypedDataKind.Address:
                slot[..12].Clear();
                ToAddress(value).WriteTo(slot[12..]);
                break;
            case TypedDataKind.FixedBytes:
                EncodeFixedBytes(type, value, slot);
                break;
            case TypedDataKind.String:
                if (value is not string text)
                {
                    throw new TypedDataException($"expected a string, got {TypedDataSchema.Describe(value)}");
                }

                HashUtf8(text, slot);
                break;
            case TypedDataKind.Bytes:
                Keccak256.Hash(ToBytes(value, "bytes"), slot);
                break;
            default:
                throw new InvalidOperationException($"{type.Kind} is not atomic");
        }
    }

    private static void EncodeInteger(TypedDataType type, object? value, Span<byte> slot)
    {
        var signed = type.Kind == TypedDataKind.Int;
        switch (value)
        {
            // Fast path for the common case: no BigInteger allocation.
            case long or int or short or sbyte or byte or ushort or uint:
                var small = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                if (small < 0 && !signed)
                {
                    throw new TypedDataException($"{small} is negative, {type.Text} is unsigned");
                }

                if (type.Size < 64)
                {
                    CheckRange(type, new BigInteger(small));
                }

                slot[..24].Fill(small < 0 ? (byte)0xFF : (byte)0);
                BinaryPrimitives.WriteInt64BigEndian(slot[24..], small);
                return;
        }

        var integer = ToBigInteger(type, value);
        CheckRange(type, integer);
        slot.Fill(integer.Sign < 0 ? (byte)0xFF : (byte)0);
        var length = integer.GetByteCount(isUnsigned: integer.Sign >= 0);
        integer.TryWriteBytes(slot[(32 - length)..], out _, isUnsigned: integer.Sign >= 0, isBigEndian: true);
    }

    private static BigInteger ToBigInteger(TypedDataType type, object? value) => value switch
    {
        BigInteger big => big,
        ulong u => u,
        string text => ParseInteger(type, text),
        double or float or decimal => throw new TypedDataException($"{type.Text} needs an integer, got the fractional-capable {value.GetType().Name} {value}; pass an integer or a decimal string"),
        _ => throw new TypedDataException($"expected an integer for {type.Text}, got {TypedDataSchema.Describe(value)}"),
    };

    private static BigInteger ParseInteger(TypedDataType type, string text)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text.AsSpan(1) : text.AsSpan();
        BigInteger magnitude;
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var digits = body[2..];
            if (digits.IsEmpty || !BigInteger.TryParse(string.Concat("0", digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude))
            {
                throw new TypedDataException($"\"{text}\" is not an integer for {type.Text}");
            }
        }
        else if (body.IsEmpty || !body.ContainsOnlyDigits() || !BigInteger.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude))
        {
            throw new TypedDataException($"\"{text}\" is not an integer for {type.Text}");
        }

        return negative ? -magnitude : magnitude;
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckRange(TypedDataType type, BigInteger value)
    {
        if (type.Kind == TypedDataKind.Uint)
        {
            if (value.Sign < 0 || value.GetBitLength() > type.Size)
            {
                throw new TypedDataException($"{value} is out of range for {type.Text} (0 to 2^{type.Size}-1)");
            }
        }
        else
        {
            var limit = BigInteger.One << (type.Size - 1);
            if (value < -limit || value >= limit)
            {
                throw new TypedDataException($"{value} is out of range for {type.Text} (-2^{type.Size - 1} to 2^{type.Size - 1}-1)");
            }
        }
    }

    private static EthereumAddress ToAddress(object? value)
    {
        switch (value)
        {
            case EthereumAddress address:
                return address;
            case byte[] raw:
                if (raw.Length != EthereumAddress.Length)
                {
                    throw new TypedDataException($"an address is 20 bytes, got {raw.Length}");
                }

                return EthereumAddress.FromBytes(raw);
            case string text:
                try
                {
                    return EthereumAddress.Parse(text);
                }
                catch (FormatException e)
                {
                    throw new TypedDataException(e.Message, e);
                }

            default:
                throw new TypedDataException($"expected an address, got {TypedDataSchema.Describe(value)}");
        }
    }

    private static void EncodeFixedBytes(TypedDataType type, object? value, Span<byte> slot)
    {
        var bytes = ToBytes(value, type.Text);
        if (bytes.Length != type.Size)
        {
            throw new TypedDataException($"{type.Text} needs exactly {type.Size} bytes, got {bytes.Length}");
        }

        slot.Clear();
        bytes.CopyTo(slot);
    }

    private static ReadOnlySpan<byte> ToBytes(object? value, string typeText)
    {
        switch (value)
        {
            case byte[] raw:
                return raw;
            case ReadOnlyMemory<byte> memory:
                return memory.Span;
            case string text:
                try
                {
                    return Hex.Decode(text);
                }
                catch (FormatException e)
                {
                    throw new TypedDataException($"{typeText}: {e.Message}", e);
                }

            default:
                throw new TypedDataException($"expected {typeText} as byte[] or 0x hex, got {TypedDataSchema.Describe(value)}");
        }
    }

    private static void HashUtf8(string text, Span<byte> slot)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 256)
        {
            Span<byte> small = stackalloc byte[256];
            var n = Encoding.UTF8.GetBytes(text, small);
            Keccak256.Hash(small[..n], slot);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var n = Encoding.UTF8.GetBytes(text, rented);
            Keccak256.Hash(rented.AsSpan(0, n), slot);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
