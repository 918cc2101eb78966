namespace PerpStudio.Ethereum;

/// <summary>
/// Ethereum's 0x-prefixed hexadecimal text. Parsing is strict: the prefix is required, the digit count must be even,
/// and every error names the offending position.
/// </summary>
public static class Hex
{
    private const string LowerDigits = "0123456789abcdef";

    /// <summary>Formats bytes as lowercase hex with a <c>0x</c> prefix (<c>0x</c> alone for no bytes).</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        return string.Create(2 + (bytes.Length * 2), bytes, static (chars, data) =>
        {
            chars[0] = '0';
            chars[1] = 'x';
            for (var i = 0; i < data.Length; i++)
            {
                chars[2 + (2 * i)] = LowerDigits[data[i] >> 4];
                chars[3 + (2 * i)] = LowerDigits[data[i] & 0xF];
            }
        });
    }

    /// <summary>Formats bytes as lowercase hex digits into <paramref name="destination"/> (no prefix, 2 chars per byte).</summary>
    public static void EncodeDigits(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        if (destination.Length < bytes.Length * 2)
        {
            throw new ArgumentException($"destination holds {destination.Length} chars, {bytes.Length * 2} needed", nameof(destination));
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = LowerDigits[bytes[i] >> 4];
            destination[(2 * i) + 1] = LowerDigits[bytes[i] & 0xF];
        }
    }

    /// <summary>Parses <c>0x</c>-prefixed hex of any even length (upper, lower or mixed case digits).</summary>
    /// <exception cref="FormatException">The text is null, lacks the prefix, has an odd digit count or a non-hex character.</exception>
    public static byte[] Decode(string? hex)
    {
        var digits = Digits(hex);
        var result = new byte[digits.Length / 2];
        DecodeDigits(digits, result);
        return result;
    }

    /// <summary>Parses <c>0x</c>-prefixed hex that must encode exactly <paramref name="byteCount"/> bytes.</summary>
    /// <param name="hex">The text.</param>
    /// <param name="byteCount">The required length in bytes.</param>
    /// <param name="what">What the value is, for the error message (e.g. "private key").</param>
    /// <exception cref="FormatException">Malformed hex or the wrong length.</exception>
    public static byte[] Decode(string? hex, int byteCount, string what)
    {
        var digits = Digits(hex);
        if (digits.Length != byteCount * 2)
        {
            throw new FormatException($"{what} must be {byteCount} bytes ({byteCount * 2} hex digits after 0x), got {digits.Length} hex digits");
        }

        var result = new byte[byteCount];
        DecodeDigits(digits, result);
        return result;
    }

    /// <summary>Parses without throwing; false for anything <see cref="Decode(string?)"/> would reject.</summary>
    public static bool TryDecode(string? hex, out byte[] bytes)
    {
        try
        {
            bytes = Decode(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    /// <summary>Decodes hex digits without a prefix into <paramref name="destination"/> (exactly half their count).</summary>
    /// <exception cref="FormatException">A character is not a hex digit.</exception>
    public static void DecodeDigits(ReadOnlySpan<char> digits, Span<byte> destination)
    {
        if ((digits.Length & 1) != 0)
        {
            throw new FormatException($"hex has an odd number of digits ({digits.Length})");
        }

        if (destination.Length != digits.Length / 2)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes, {digits.Length / 2} needed", nameof(destination));
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var hi = Nibble(digits[2 * i], 2 * i);
            var lo = Nibble(digits[(2 * i) + 1], (2 * i) + 1);
            destination[i] = (byte)((hi << 4) | lo);
        }
    }

    private static ReadOnlySpan<char> Digits(string? hex)
    {
        if (hex is null)
        {
            throw new FormatException("hex value is missing (null)");
        }

        if (hex.Length < 2 || hex[0] != '0' || (hex[1] != 'x' && hex[1] != 'X'))
        {
            throw new FormatException($"hex must start with 0x, got \"{Shorten(hex)}\"");
        }

        var digits = hex.AsSpan(2);
        if ((digits.Length & 1) != 0)
        {
            throw new FormatException($"hex has an odd number of digits ({digits.Length}) after 0x");
        }

        return digits;
    }

    private static int Nibble(char c, int index) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => throw new FormatException($"'{c}' at hex digit {index} (after 0x) is not a hex digit"),
    };

    private static string Shorten(string text) => text.Length <= 16 ? text : string.Concat(text.AsSpan(0, 16), "...");
}
