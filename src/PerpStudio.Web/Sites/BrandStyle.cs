using System.Text;
using System.Text.RegularExpressions;
using PerpStudio.Api.Operators;

namespace PerpStudio.Web.Sites;

/// <summary>
/// The operator's branding as CSS custom properties. Values are checked again here (colours as #rrggbb, the font as
/// a plain family list) so that nothing an operator types can break out of the style sheet.
/// </summary>
public static partial class BrandStyle
{
    /// <summary>The <c>:root</c> rule carrying the brand's colours and font.</summary>
    public static string Css(BrandingProfile branding)
    {
        ArgumentNullException.ThrowIfNull(branding);
        var fallback = BrandingProfile.Default;
        var css = new StringBuilder(":root{");
        css.Append("--brand-primary:").Append(Colour(branding.PrimaryColor, fallback.PrimaryColor)).Append(';');
        css.Append("--brand-accent:").Append(Colour(branding.AccentColor, fallback.AccentColor)).Append(';');
        css.Append("--brand-background:").Append(Colour(branding.BackgroundColor, fallback.BackgroundColor)).Append(';');
        css.Append("--brand-font:").Append(Font(branding.FontFamily)).Append(';');
        return css.Append('}').ToString();
    }

    /// <summary>The colour when it is #rrggbb, else the fallback.</summary>
    public static string Colour(string? value, string fallback) => value is not null && ColourPattern().IsMatch(value) ? value.ToLowerInvariant() : fallback;

    /// <summary>The font family list when it is plain (letters, digits, spaces, commas, hyphens, quotes), else system-ui.</summary>
    public static string Font(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 120 && FontPattern().IsMatch(value) ? value.Trim() : "system-ui";

    /// <summary>The monogram shown when the operator has no logo.</summary>
    public static string Monogram(string displayName) =>
        string.IsNullOrWhiteSpace(displayName) ? "P" : displayName.Trim()[..1].ToUpperInvariant();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColourPattern();

    [GeneratedRegex("^[A-Za-z0-9 ,'\"-]+$")]
    private static partial Regex FontPattern();
}
