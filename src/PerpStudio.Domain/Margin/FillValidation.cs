using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>A fill's fields checked on their face before any position math, for cross and isolated positions alike.</summary>
public static class FillValidation
{
    /// <summary>The first malformed field of a fill (side, size, price, fee, leverage, mark), or null.</summary>
    public static DomainError? Check(Side side, Quantity size, Price price, Money fee, int leverage, Price mark)
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
            return Refusals.Negative("fee", fee.ToString());
        }

        if (leverage < 1)
        {
            return Refusals.LeverageOutOfRange(leverage, int.MaxValue);
        }

        return mark.IsPositive ? null : Refusals.MarkNotPositive(mark.ToString());
    }
}
