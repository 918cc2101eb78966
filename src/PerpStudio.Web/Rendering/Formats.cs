using System.Globalization;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Web.Rendering;

/// <summary>How numbers are shown: the domain's exact text, never a rounded double.</summary>
public static class Formats
{
    /// <summary>A liquidation price: the price, "any price" or "none".</summary>
    public static string Liquidation(LiquidationPrice liquidation) =>
        liquidation.AtAnyPrice ? "any price" : liquidation.Price is { } p ? p.ToString() : "none";

    /// <summary>A rate as a percentage with the exact digits ("12.5%").</summary>
    public static string Percent(Rate? rate)
    {
        if (rate is not { } r)
        {
            return "-";
        }

        return (r.ToDecimal() * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Money with a sign and "USD".</summary>
    public static string Usd(Money money) => money.ToString() + " USD";

    /// <summary>A time as UTC hh:mm:ss.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A date and time as UTC.</summary>
    public static string DateTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
