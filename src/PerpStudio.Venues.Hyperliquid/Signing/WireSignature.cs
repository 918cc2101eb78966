using System.Globalization;
using System.Numerics;
using System.Text.Json;
using PerpStudio.Ethereum;

namespace PerpStudio.Venues.Hyperliquid.Signing;

/// <summary>
/// A signature as the /exchange body carries it: {"r": "0x..", "s": "0x..", "v": 27|28}, r and s as hex integers
/// without leading zeros (the reference SDK's form).
/// </summary>
public static class WireSignature
{
    /// <summary>r or s as the SDK prints it: 0x + the integer's hex, no leading zeros.</summary>
    public static string IntegerHex(BigInteger value)
    {
        var hex = value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + (hex.Length == 0 ? "0" : hex);
    }

    /// <summary>Writes the signature object.</summary>
    public static void Write(Utf8JsonWriter writer, EthereumSignature signature)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(signature);
        writer.WriteStartObject();
        writer.WriteString("r", IntegerHex(signature.RInteger));
        writer.WriteString("s", IntegerHex(signature.SInteger));
        writer.WriteNumber("v", signature.V);
        writer.WriteEndObject();
    }

    /// <summary>Reads the signature object.</summary>
    /// <exception cref="FormatException">Missing members, r or s not hex or above 32 bytes, v not 27/28.</exception>
    public static EthereumSignature Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("signature must be an object {r, s, v}");
        }

        Span<byte> r = stackalloc byte[32];
        Span<byte> s = stackalloc byte[32];
        ReadScalar(element, "r", r);
        ReadScalar(element, "s", s);
        if (!element.TryGetProperty("v", out var v) || !v.TryGetInt32(out var vValue) || vValue is not (27 or 28))
        {
            throw new FormatException("signature.v must be 27 or 28");
        }

        return new EthereumSignature(r, s, vValue);
    }

    private static void ReadScalar(JsonElement element, string name, Span<byte> destination)
    {
        if (!element.TryGetProperty(name, out var value) || value.GetString() is not { } text || !text.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new FormatException($"signature.{name} must be a 0x-prefixed hex string");
        }

        var digits = text[2..];
        if (digits.Length is 0 or > 64 || !BigInteger.TryParse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var integer))
        {
            throw new FormatException($"signature.{name} '{text}' is not at most 32 bytes of hex");
        }

        destination.Clear();
        var bytes = integer.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(destination[(32 - bytes.Length)..]);
    }
}
