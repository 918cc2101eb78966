using System.Globalization;
using System.Text.Json;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Hyperliquid.Common;

/// <summary>The venue sent something this adapter cannot read exactly; the message names the path and the text.</summary>
public sealed class HyperliquidFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public HyperliquidFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public HyperliquidFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public HyperliquidFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Exact reads of Hyperliquid's JSON: decimals arrive as strings and are parsed into the platform's fixed-point types
/// without ever passing through a binary float; a value that does not fit exactly is refused with its path.
/// </summary>
public static class HyperliquidJson
{
    /// <summary>A required member.</summary>
    public static JsonElement Member(JsonElement obj, string name, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new HyperliquidFormatException($"{path}: expected an object, got {obj.ValueKind}");
        }

        return obj.TryGetProperty(name, out var value) ? value : throw new HyperliquidFormatException($"{path}.{name}: missing");
    }

    /// <summary>An optional member; null when absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A required string member.</summary>
    public static string String(JsonElement obj, string name, string path)
    {
        var value = Member(obj, name, path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new HyperliquidFormatException($"{path}.{name}: expected a string, got {value.ValueKind}");
    }

    /// <summary>A required integer member.</summary>
    public static long Int64(JsonElement obj, string name, string path)
    {
        var value = Member(obj, name, path);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)
            ? n
            : throw new HyperliquidFormatException($"{path}.{name}: expected an integer, got {value.GetRawText()}");
    }

    /// <summary>A required boolean member.</summary>
    public static bool Boolean(JsonElement obj, string name, string path)
    {
        var value = Member(obj, name, path);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new HyperliquidFormatException($"{path}.{name}: expected true or false, got {value.GetRawText()}"),
        };
    }

    /// <summary>A required price.</summary>
    public static Price Price(JsonElement obj, string name, string path) => ParsePrice(String(obj, name, path), $"{path}.{name}");

    /// <summary>A required size.</summary>
    public static Quantity Quantity(JsonElement obj, string name, string path) => ParseQuantity(String(obj, name, path), $"{path}.{name}");

    /// <summary>A required amount of USDC.</summary>
    public static Money Money(JsonElement obj, string name, string path) => ParseMoney(String(obj, name, path), $"{path}.{name}");

    /// <summary>A required rate.</summary>
    public static Rate Rate(JsonElement obj, string name, string path) => ParseRate(String(obj, name, path), $"{path}.{name}");

    /// <summary>Parses a price exactly.</summary>
    public static Price ParsePrice(string text, string path) =>
        Domain.Primitives.Price.TryParse(text, out var v) ? v : throw Inexact(text, path, "price", 8);

    /// <summary>Parses a size exactly.</summary>
    public static Quantity ParseQuantity(string text, string path) =>
        Domain.Primitives.Quantity.TryParse(text, out var v) ? v : throw Inexact(text, path, "size", 8);

    /// <summary>Parses an amount exactly.</summary>
    public static Money ParseMoney(string text, string path) =>
        Domain.Primitives.Money.TryParse(text, out var v) ? v : throw Inexact(text, path, "amount", 6);

    /// <summary>Parses a rate exactly.</summary>
    public static Rate ParseRate(string text, string path) =>
        Domain.Primitives.Rate.TryParse(text, out var v) ? v : throw Inexact(text, path, "rate", 10);

    /// <summary>
    /// Parses an amount that the venue prints with float noise beyond the micro-USDC ("2703997.4500000002"): the text
    /// must be a well-formed decimal, and it is brought to the money unit in the direction the caller names.
    /// </summary>
    public static Money ParseMoneyRounded(string text, string path, Rounding rounding)
    {
        if (!IsPlainDecimal(text) || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new HyperliquidFormatException($"{path}: '{text}' is not a decimal number");
        }

        var scaled = value * Domain.Primitives.Money.Scale;
        var whole = rounding switch
        {
            Rounding.Floor => decimal.Floor(scaled),
            Rounding.Ceiling => decimal.Ceiling(scaled),
            Rounding.TowardZero => decimal.Truncate(scaled),
            Rounding.AwayFromZero => scaled < 0 ? decimal.Floor(scaled) : decimal.Ceiling(scaled),
            _ => decimal.Round(scaled, MidpointRounding.ToEven),
        };
        return whole is > long.MaxValue or < long.MinValue
            ? throw new HyperliquidFormatException($"{path}: '{text}' is out of range")
            : new Money((long)whole);
    }

    /// <summary>A JSON array member's items.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement obj, string name, string path)
    {
        var value = Member(obj, name, path);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new HyperliquidFormatException($"{path}.{name}: expected an array, got {value.ValueKind}");
    }

    /// <summary>Requires the element itself to be an array.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new HyperliquidFormatException($"{path}: expected an array, got {element.ValueKind}");

    /// <summary>A millisecond timestamp as a time.</summary>
    public static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static bool IsPlainDecimal(string text)
    {
        var digits = 0;
        var dots = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c == '.')
            {
                dots++;
            }
            else if (!(c == '-' && i == 0))
            {
                return false;
            }
        }

        return digits > 0 && dots <= 1;
    }

    private static HyperliquidFormatException Inexact(string text, string path, string what, int decimals) =>
        new($"{path}: '{text}' is not an exact {what} (plain decimal, at most {decimals} decimals, within range)");
}
