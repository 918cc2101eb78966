using System.Collections.Immutable;
using System.Globalization;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Orders;
using PerpStudio.Ethereum;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Web.Models;

namespace PerpStudio.Web.Console;

/// <summary>Reads the console's forms into the inputs of OperatorAdminService; a malformed line names its field.</summary>
public static class ConsoleForms
{
    /// <summary>The markets as the form shows them: "BTC-USD 10 40 cross,isolated".</summary>
    public static string MarketLines(OperatorView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return string.Join("\n", view.Trading.Markets.Select(m =>
        {
            var modes = view.Profile.MarketModes.TryGetValue(m.Market.Symbol, out var list) && !list.IsDefaultOrEmpty
                ? string.Join(",", list.Select(x => x == MarginMode.Cross ? "cross" : "isolated"))
                : "cross,isolated";
            return string.Create(CultureInfo.InvariantCulture, $"{m.Market.Symbol} {m.DefaultLeverage} {m.MaxLeverage} {modes}");
        }));
    }

    /// <summary>
    /// Parses market lines. A market already offered keeps its venues; a new one takes the venues of the first market
    /// offered (the console does not choose venues).
    /// </summary>
    public static IReadOnlyList<OperatorMarketInput> Markets(string? text, OperatorConfig current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var defaultVenues = current.Markets.FirstOrDefault()?.Venues ?? [];
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new List<OperatorMarketInput>();
        for (var i = 0; i < lines.Length; i++)
        {
            var field = $"markets[{i}]";
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 3 or > 4)
            {
                throw new ApiException(ApiError.Invalid(field, "market_line_invalid", $"line {i + 1} '{lines[i]}' must read: symbol default-leverage max-leverage [modes]"));
            }

            var market = new MarketId(parts[0].ToUpperInvariant());
            var defaultLeverage = FormFields.RequireInt(parts[1], field + ".default_leverage", 1, 1000);
            var maxLeverage = FormFields.RequireInt(parts[2], field + ".max_leverage", 1, 1000);
            var modes = parts.Length == 4 ? Modes(parts[3], field + ".modes") : [];
            var venues = current.Offering(market)?.Venues ?? defaultVenues;
            result.Add(new OperatorMarketInput(new MarketOffering(market, defaultLeverage, maxLeverage, venues), modes));
        }

        return result;
    }

    /// <summary>Referral lines: "CODE 0xaddress".</summary>
    public static IReadOnlyList<ReferralCodeEntry> Referrals(string? text)
    {
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new List<ReferralCodeEntry>();
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !EthereumAddress.TryParse(parts[1], out var referrer))
            {
                throw new ApiException(ApiError.Invalid($"referral_codes[{i}]", "referral_line_invalid", $"line {i + 1} must read: code 0x-address"));
            }

            result.Add(new ReferralCodeEntry(parts[0], referrer.ToLowerHex()));
        }

        return result;
    }

    /// <summary>The volume tiers as the form shows them: "min-volume maker-markup taker-markup", one a line.</summary>
    public static string TierLines(IEnumerable<VolumeTier> tiers) =>
        string.Join("\n", (tiers ?? []).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.MinVolume} {t.MakerMarkup} {t.TakerMarkup}")));

    /// <summary>Parses tier lines; a malformed line names its field (the Domain then checks order and range).</summary>
    public static ImmutableArray<VolumeTier> Tiers(string? text)
    {
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tiers = ImmutableArray.CreateBuilder<VolumeTier>();
        for (var i = 0; i < lines.Length; i++)
        {
            var field = $"fees.volume_tiers[{i}]";
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
            {
                throw new ApiException(ApiError.Invalid(field, "tier_line_invalid", $"line {i + 1} '{lines[i]}' must read: min-volume maker-markup taker-markup"));
            }

            tiers.Add(new VolumeTier(FormFields.RequireMoney(parts[0], field + ".min_volume"), FormFields.RequireRate(parts[1], field + ".maker_markup"),
                FormFields.RequireRate(parts[2], field + ".taker_markup")));
        }

        return tiers.ToImmutable();
    }

    /// <summary>The revenue filter: optional yyyy-mm-dd days and market.</summary>
    public static RevenueFilter Revenue(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var market = field("market")?.Trim().ToUpperInvariant();
        return new RevenueFilter(Day(field("from"), "from"), Day(field("to"), "to"), string.IsNullOrEmpty(market) ? null : new MarketId(market));
    }

    /// <summary>Space- or comma-separated words.</summary>
    public static IReadOnlyList<string> Words(string? text) =>
        (text ?? string.Empty).Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The scopes ticked on the key form.</summary>
    public static ApiScopes Scopes(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var scopes = ApiScopes.None;
        scopes |= FormFields.Checked(field("scope_read")) ? ApiScopes.Read : ApiScopes.None;
        scopes |= FormFields.Checked(field("scope_trade")) ? ApiScopes.Trade : ApiScopes.None;
        scopes |= FormFields.Checked(field("scope_admin")) ? ApiScopes.Admin : ApiScopes.None;

        // read comes with every role: an admin key is operator-wide and given alone
        return scopes.HasFlag(ApiScopes.Admin) ? ApiScopes.Admin : scopes;
    }

    /// <summary>The feature toggles ticked.</summary>
    public static FeatureFlags Features(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new FeatureFlags(FormFields.Checked(field("order_book")), FormFields.Checked(field("chart")), FormFields.Checked(field("one_click")),
            FormFields.Checked(field("leverage_selector")), FormFields.Checked(field("leaderboard")));
    }

    private static DateOnly? Day(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ApiException(ApiError.Invalid(field, "day_invalid", $"'{text}' is not a day like 2026-03-01"));
    }

    private static ImmutableArray<MarginMode> Modes(string text, string field)
    {
        var modes = new List<MarginMode>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            modes.Add(word.ToLowerInvariant() switch
            {
                "cross" => MarginMode.Cross,
                "isolated" => MarginMode.Isolated,
                "both" => MarginMode.Cross,
                _ => throw new ApiException(ApiError.Invalid(field, "margin_mode_invalid", $"'{word}' is not cross, isolated or both")),
            });
            if (word.Equals("both", StringComparison.OrdinalIgnoreCase))
            {
                modes.Add(MarginMode.Isolated);
            }
        }

        return [.. modes.Distinct()];
    }
}
