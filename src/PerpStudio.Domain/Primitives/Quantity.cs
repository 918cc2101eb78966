using System.Globalization;

namespace PerpStudio.Domain.Primitives;

/// <summary>An exact size in base asset, 8 decimals; signed where it is a position (long positive, short negative).</summary>
/// <param name="Units">The value in units of 1/100,000,000 base asset.</param>
public readonly record struct Quantity(long Units) : IComparable<Quantity>
{
    /// <summary>Units per whole.</summary>
    public const long Scale = FixedPoint.QuantityScale;

    /// <summary>Zero.</summary>
    public static readonly Quantity Zero = new(0);

    /// <summary>The smallest positive value.</summary>
    public static readonly Quantity Epsilon = new(1);

    /// <summary>True when zero.</summary>
    public bool IsZero => Units == 0;

    /// <summary>True when greater than zero.</summary>
    public bool IsPositive => Units > 0;

    /// <summary>True when less than zero.</summary>
    public bool IsNegative => Units < 0;

    /// <summary>-1, 0 or +1.</summary>
    public int Sign => Math.Sign(Units);

    /// <summary>The magnitude.</summary>
    public Quantity Abs() => new(Math.Abs(Units));

    /// <summary>Parses plain decimal text exactly; false on more decimals than the scale holds, exponents or overflow.</summary>
    public static bool TryParse(string? text, out Quantity value)
    {
        var ok = ScaledDecimal.TryParse(text, Scale, out var units);
        value = new(units);
        return ok;
    }

    /// <summary>Parses plain decimal text exactly, throwing <see cref="FormatException"/> when it is not exact.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not an exact quantity with at most {ScaledDecimal.Decimals(Scale)} decimals");

    /// <summary>Converts a decimal exactly; false when it has more decimals than the scale holds.</summary>
    public static bool TryFromDecimal(decimal value, out Quantity result)
    {
        var ok = ScaledDecimal.TryFromDecimal(value, Scale, out var units);
        result = new(units);
        return ok;
    }

    /// <summary>Converts a decimal that is known to be exact (constants, tests); throws otherwise.</summary>
    public static Quantity Of(decimal value) =>
        TryFromDecimal(value, out var v) ? v : throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} is not an exact quantity", nameof(value));

    /// <summary>The exact decimal value.</summary>
    public decimal ToDecimal() => ScaledDecimal.ToDecimal(Units, Scale);

    /// <summary>Normalized decimal text ("91139.24").</summary>
    public override string ToString() => ScaledDecimal.Format(Units, Scale);

    /// <inheritdoc />
    public int CompareTo(Quantity other) => Units.CompareTo(other.Units);

    /// <summary>The smaller of two values.</summary>
    public static Quantity Min(Quantity a, Quantity b) => a.Units <= b.Units ? a : b;

    /// <summary>The larger of two values.</summary>
    public static Quantity Max(Quantity a, Quantity b) => a.Units >= b.Units ? a : b;

#pragma warning disable CS1591 // operators are self-describing
    public static Quantity operator +(Quantity a, Quantity b) => new(checked(a.Units + b.Units));
    public static Quantity operator -(Quantity a, Quantity b) => new(checked(a.Units - b.Units));
    public static Quantity operator -(Quantity a) => new(checked(-a.Units));
    public static bool operator <(Quantity a, Quantity b) => a.Units < b.Units;
    public static bool operator >(Quantity a, Quantity b) => a.Units > b.Units;
    public static bool operator <=(Quantity a, Quantity b) => a.Units <= b.Units;
    public static bool operator >=(Quantity a, Quantity b) => a.Units >= b.Units;
#pragma warning restore CS1591
}
