namespace PerpStudio.Domain.Primitives;

/// <summary>
/// How an exact result that falls between two representable units is resolved.
/// The platform states a direction at every division so that no rounding ever favours the trader
/// against the ledger: requirements round up, credits round down.
/// </summary>
public enum Rounding
{
    /// <summary>Toward negative infinity.</summary>
    Floor,

    /// <summary>Toward positive infinity.</summary>
    Ceiling,

    /// <summary>Toward zero (truncation).</summary>
    TowardZero,

    /// <summary>Away from zero.</summary>
    AwayFromZero,

    /// <summary>To the nearest unit, ties to the even unit (banker's rounding).</summary>
    HalfEven,
}
