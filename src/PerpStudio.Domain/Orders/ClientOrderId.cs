namespace PerpStudio.Domain.Orders;

/// <summary>
/// The client's id for an order, unique per account: a retry with the same id is the same order, never a second one.
/// 1 to 64 characters of letters, digits, '-', '_' and ':'.
/// </summary>
/// <param name="Value">The id text.</param>
public readonly record struct ClientOrderId(string Value)
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>True when the text is a well-formed id.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
