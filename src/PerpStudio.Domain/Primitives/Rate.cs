using System.Globalization;

namespace PerpStudio.Domain.Primitives;

/// <summary>An exact dimensionless rate (fee rate, funding rate, margin rate), 10 decimals: 0.00045 is 4.5 bps.</summary>
/// <param name="Units">The value in units of 1/10,000,000,000 .</param>
public readonly record struct Rate(long Units) : IComparable<Rate>
{
    /// <summary>Units per whole.</summary>
    public const long Scale = FixedPoint.RateScale;

    /// <summary>Zero.</summary>
    public static readonly Rate Zero = new(0);

    /// <summary>The smallest positive value.</summary>
    public static readonly Rate Epsilon = new(1);

    /// <summary>True when zero.</summary>
    public bool IsZero => Units == 0;

    /// <summary>True when greater than zero.</summary>
    public bool IsPositive => Units > 0;

    /// <summary>True when less than zero.</summary>
    public bool IsNegative => Units < 0;

    /// <summary>-1, 0 or +1.</summary>
    public int Sign => Math.Sign(Units);

    /// <summary>The magnitude.</summary>
    public Rate Abs() => new(Math.Abs(Units));

    /// <summary>Parses plain decimal text exactly; false on more decimals than the scale holds, exponents or overflow.</summary>
    public static bool TryParse(string? text, out Rate value)
    {
        var ok = ScaledDecimal.TryParse(text, Scale, out var units);
        value = new(units);
        return ok;
    }

    /// <summary>Parses plain decimal text exactly, throwing <see cref="FormatException"/> when it is not exact.</summary>
    public static Rate Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not an exact rate with at most {ScaledDecimal.Decimals(Scale)} decimals");

    /// <summary>Converts a decimal exactly; false when it has more decimals than the scale holds.</summary>
    public static bool TryFromDecimal(decimal value, out Rate result)
    {
        var ok = ScaledDecimal.TryFromDecimal(value, Scale, out var units);
        result = new(units);
        return ok;
    }

    /// <summary>Converts a decimal that is known to be exact (constants, tests); throws otherwise.</summary>
    public static Rate Of(decimal value) =>
        TryFromDecimal(value, out var v) ? v : throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} is not an exact rate", nameof(value));

    /// <summary>The exact decimal value.</summary>
    public decimal ToDecimal() => ScaledDecimal.ToDecimal(Units, Scale);

    /// <summary>Normalized decimal text ("91139.24").</summary>
    public override string ToString() => ScaledDecimal.Format(Units, Scale);

    /// <inheritdoc />
    public int CompareTo(Rate other) => Units.CompareTo(other.Units);

    /// <summary>The smaller of two values.</summary>
    public static Rate Min(Rate a, Rate b) => a.Units <= b.Units ? a : b;

    /// <summary>The larger of two values.</summary>
    public static Rate Max(Rate a, Rate b) => a.Units >= b.Units ? a : b;

#pragma warning disable CS1591 // operators are self-describing
    public static Rate operator +(Rate a, Rate b) => new(checked(a.Units + b.Units));
    public static Rate operator -(Rate a, Rate b) => new(checked(a.Units - b.Units));
    public static Rate operator -(Rate a) => new(checked(-a.Units));
    public static bool operator <(Rate a, Rate b) => a.Units < b.Units;
    public static bool operator >(Rate a, Rate b) => a.Units > b.Units;
    public static bool operator <=(Rate a, Rate b) => a.Units <= b.Units;
    public static bool operator >=(Rate a, Rate b) => a.Units >= b.Units;
#pragma warning restore CS1591
}
