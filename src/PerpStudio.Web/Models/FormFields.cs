using System.Globalization;
using PerpStudio.Api.Errors;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Web.Models;

/// <summary>
/// Reads form text into the domain's exact types. Each failure is an <see cref="ApiError"/> naming the field in the
/// API's words, so a form shows the same refusal whether the browser or the server caught it.
/// </summary>
public static class FormFields
{
    /// <summary>A required price.</summary>
    public static Price RequirePrice(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? throw new ApiException(ApiError.Required(field)) : ParsePrice(text, field);

    /// <summary>An optional price (empty is null).</summary>
    public static Price? OptionalPrice(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : ParsePrice(text, field);

    /// <summary>A required positive size.</summary>
    public static Quantity RequireSize(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiException(ApiError.Required(field));
        }

        if (!Quantity.TryParse(text.Trim(), out var size))
        {
            throw new ApiException(ApiError.Invalid(field, "size_malformed", $"'{Clip(text)}' is not an exact size with at most 8 decimals"));
        }

        return size.IsPositive ? size : throw new ApiException(ApiError.Invalid(field, "size_not_positive", $"{field} must be positive, got {size}"));
    }

    /// <summary>A required amount of money (sign kept).</summary>
    public static Money RequireMoney(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiException(ApiError.Required(field));
        }

        return Money.TryParse(text.Trim(), out var money)
            ? money
            : throw new ApiException(ApiError.Invalid(field, "amount_malformed", $"'{Clip(text)}' is not an exact amount with at most 6 decimals"));
    }

    /// <summary>A required rate given in percent ("-10" is -10%), exact.</summary>
    public static Rate RequirePercent(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiException(ApiError.Required(field));
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || !Rate.TryFromDecimal(percent / 100m, out var rate))
        {
            throw new ApiException(ApiError.Invalid(field, "percent_malformed", $"'{Clip(text)}' is not a percentage like 12.5"));
        }

        return rate;
    }

    /// <summary>A required rate as a plain fraction ("0.0001").</summary>
    public static Rate RequireRate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiException(ApiError.Required(field));
        }

        return Rate.TryParse(text.Trim(), out var rate)
            ? rate
            : throw new ApiException(ApiError.Invalid(field, "rate_malformed", $"'{Clip(text)}' is not an exact rate like 0.0001"));
    }

    /// <summary>A required integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int RequireInt(string? text, string field, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiException(ApiError.Required(field));
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ApiException(ApiError.Invalid(field, $"{field}_invalid", $"{field} must be a whole number from {min} to {max}, got '{Clip(text)}'"));
        }

        return value;
    }

    /// <summary>True for a checked checkbox.</summary>
    public static bool Checked(string? text) => text is "on" or "true" or "1";

    private static Price ParsePrice(string text, string field)
    {
        if (!Price.TryParse(text.Trim(), out var price))
        {
            throw new ApiException(ApiError.Invalid(field, "price_malformed", $"'{Clip(text)}' is not an exact price with at most 8 decimals"));
        }

        return price.IsPositive ? price : throw new ApiException(ApiError.Invalid(field, "price_not_positive", $"{field} must be positive, got {price}"));
    }

    private static string Clip(string text) => text.Length <= 32 ? text : text[..32] + "...";
}
