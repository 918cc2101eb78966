using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Accounts;

/// <summary>Checks a fill's fields on their face before any position math.</summary>
public static class FillInput
{
    /// <summary>The first malformed field, or null.</summary>
    public static DomainError? Error(Side side, Quantity size, Price price, Money fee, int leverage, Price mark)
    {
        if (side is not (Side.Buy or Side.Sell))
        {
            return Refusals.Unrecognised("side", side.ToString());
        }

        if (!size.IsPositive)
        {
            return Refusals.NotPositive("size", size.ToString());
        }

        if (!price.IsPositive)
        {
            return Refusals.NotPositive("price", price.ToString());
        }

        if (fee.IsNegative)
        {
            return Refusals.NotPositive("fee", fee.ToString());
        }

        if (leverage < 1)
        {
            return Refusals.LeverageOutOfRange(leverage, int.MaxValue);
        }

        return mark.IsPositive ? null : Refusals.MarkNotPositive(mark.ToString());
    }
}
