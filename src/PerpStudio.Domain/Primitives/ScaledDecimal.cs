using System.Globalization;

namespace PerpStudio.Domain.Primitives;

/// <summary>Exact conversion between decimal text or <see cref="decimal"/> and scaled integer units.</summary>
public static class ScaledDecimal
{
    /// <summary>
    /// Parses plain decimal text ("-12.5", "0.00012", "30135.0") into units of <paramref name="scale"/>.
    /// Refuses exponents, grouping, more decimals than the scale holds and values beyond 64 bits,
    /// so that nothing is silently rounded on the way in.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, long scale, out long units)
    {
        units = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        var negative = text[0] == '-';
        if (negative || text[0] == '+')
        {
            text = text[1..];
        }

        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if ((whole.IsEmpty && fraction.IsEmpty) || (dot >= 0 && fraction.IsEmpty && whole.IsEmpty))
        {
            return false;
        }

        var decimals = Decimals(scale);
        // trailing zeros beyond the scale carry no information ("1.500000000" is fine at 8 decimals)
        fraction = fraction.TrimEnd('0');
        if (fraction.Length > decimals)
        {
            return false;
        }

        Int128 value = 0;
        foreach (var c in whole)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            if (value > long.MaxValue)
            {
                return false;
            }
        }

        value *= scale;
        Int128 fractionUnits = 0;
        for (var i = 0; i < decimals; i++)
        {
            var digit = i < fraction.Length ? fraction[i] : '0';
            if (digit is < '0' or > '9')
            {
                return false;
            }

            fractionUnits = (fractionUnits * 10) + (digit - '0');
        }

        value += fractionUnits;
        if (negative)
        {
            value = -value;
        }

        if (value > long.MaxValue || value < long.MinValue)
        {
            return false;
        }

        units = (long)value;
        return true;
    }

    /// <summary>Converts a decimal exactly; false when it has more decimals than the scale holds or is out of range.</summary>
    public static bool TryFromDecimal(decimal value, long scale, out long units)
    {
        units = 0;
        try
        {
            var scaled = value * scale;
            if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
            {
                return false;
            }

            units = (long)scaled;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The exact decimal value of some units.</summary>
    public static decimal ToDecimal(long units, long scale) => (decimal)units / scale;

    /// <summary>Normalized decimal text: no exponent, no trailing zeros, no trailing dot ("91139.24", "0", "-0.5").</summary>
    public static string Format(long units, long scale)
    {
        var negative = units < 0;
        var magnitude = negative ? -(Int128)units : units;
        var whole = magnitude / scale;
        var fraction = magnitude % scale;
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            var digits = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals(scale), '0').TrimEnd('0');
            text = text + "." + digits;
        }

        return negative ? "-" + text : text;
    }

    /// <summary>How many decimal places a power-of-ten scale holds.</summary>
    public static int Decimals(long scale)
    {
        var decimals = 0;
        for (var s = scale; s > 1; s /= 10)
        {
            decimals++;
        }

        return decimals;
    }
}
