using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>One funding interval for one position.</summary>
/// <param name="Size">Signed position size (long positive).</param>
/// <param name="OraclePrice">The oracle price at the funding time (Hyperliquid pays on the oracle, not the mark).</param>
/// <param name="Rate">The interval's funding rate; positive means longs pay shorts.</param>
public readonly record struct FundingParameters(Quantity Size, Price OraclePrice, Rate Rate);

/// <summary>A funding payment from the trader's point of view.</summary>
/// <param name="Amount">Signed: positive is credited to the trader, negative is debited.</param>
/// <param name="Exact">The exact amount in sub-units x rate scale, before rounding (for audit and tests).</param>
public readonly record struct FundingPayment(Money Amount, Int128 Exact);

/// <summary>Funding math: payment = size x oracle price x rate, longs pay shorts when the rate is positive.</summary>
public static class FundingModel
{
    /// <summary>
    /// The trader's funding for one interval. The signed amount the trader receives is floored: a receipt rounds down
    /// and a payment rounds up, so on every market the platform collects at least what it pays out.
    /// </summary>
    public static Result<FundingPayment> Payment(FundingParameters parameters)
    {
        if (!parameters.OraclePrice.IsPositive)
        {
            return Refusals.NotPositive("oracle_price", parameters.OraclePrice.ToString());
        }

        return PaymentUnchecked(parameters.Size, parameters.OraclePrice, parameters.Rate);
    }

    /// <summary>The same as <see cref="Payment"/> for inputs already known to be valid (oracle price positive).</summary>
    public static FundingPayment PaymentUnchecked(Quantity size, Price oraclePrice, Rate rate)
    {
        // the trader receives -size x price x rate: a long pays when the rate is positive
        var value = -Exact.Value(size, oraclePrice);
        return new FundingPayment(Exact.TimesRate(value, rate, MarginRounding.Pnl), value * rate.Units);
    }

    /// <summary>A rate applied for several hours (a stress scenario's funding shock): rate x hours, exact.</summary>
    public static Rate OverHours(Rate hourlyRate, int hours) => new(checked(hourlyRate.Units * hours));
}
