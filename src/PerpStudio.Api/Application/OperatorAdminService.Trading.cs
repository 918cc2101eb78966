using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Api.Application;

/// <summary>An operator's fee markups, volume tiers, referral rebate and revenue split.</summary>
/// <param name="MakerMarkup">Added to the venue's maker rate (base tier).</param>
/// <param name="TakerMarkup">Added to the venue's taker rate (base tier).</param>
/// <param name="OperatorShare">The operator's share of the markup.</param>
/// <param name="PlatformShare">The platform's share; with the operator's it sums to 1.</param>
public sealed record FeeScheduleInput(Rate MakerMarkup, Rate TakerMarkup, Rate OperatorShare, Rate PlatformShare)
{
    /// <summary>Volume tiers, ascending by trailing 30-day volume, markups never rising.</summary>
    public ImmutableArray<VolumeTier> VolumeTiers { get; init; } = [];

    /// <summary>Share (0..1) of the operator's part of the markup paid to a referred trader's referrer.</summary>
    public Rate ReferralRebate { get; init; }
}

/// <summary>Trading configuration: markets, fees, features, risk (through the <c>OperatorGrain</c>, with optimistic concurrency).</summary>
public sealed partial class OperatorAdminService
{
    private const int ConfigureAttempts = 5;

    /// <summary>Replaces the markets offered, their leverage caps, venues and margin modes.</summary>
    public async Task<OperatorView> SetMarketsAsync(CallerContext caller, IReadOnlyList<OperatorMarketInput> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        var operatorId = Access.RequireAdmin(caller);
        for (var i = 0; i < markets.Count; i++)
        {
            var symbol = markets[i].Offering.Market.Symbol;
            if (string.IsNullOrEmpty(symbol) || !MarketSymbol().IsMatch(symbol))
            {
                throw new ApiException(ApiError.Invalid($"markets[{i}].market", "market_invalid", $"'{symbol}' is not a market symbol like BTC-USD"));
            }
        }

        var anyCross = markets.Count == 0 || markets.Any(m => m.Modes.IsDefaultOrEmpty || m.Modes.Contains(MarginMode.Cross));
        var anyIsolated = markets.Count == 0 || markets.Any(m => m.Modes.IsDefaultOrEmpty || m.Modes.Contains(MarginMode.Isolated));
        await ConfigureAsync(caller, operatorId, "SetMarkets", $"markets [{string.Join(", ", markets.Select(m => $"{m.Offering.Market} x{m.Offering.MaxLeverage}"))}]",
            c => c with { Markets = [.. markets.Select(m => m.Offering)], CrossOffered = anyCross, IsolatedOffered = anyIsolated });
        await UpdateProfileAsync(caller, operatorId, "SetMarkets", "margin modes per market",
            p => p with { MarketModes = markets.Where(m => !m.Modes.IsDefaultOrEmpty).ToImmutableDictionary(m => m.Offering.Market.Symbol, m => m.Modes) });
        return await ViewAsync(operatorId);
    }

    /// <summary>Replaces the fee markup and split, and the referral codes.</summary>
    public async Task<OperatorView> SetFeesAsync(CallerContext caller, FeeScheduleInput fees, IReadOnlyList<ReferralCodeEntry> referralCodes)
    {
        ArgumentNullException.ThrowIfNull(fees);
        ArgumentNullException.ThrowIfNull(referralCodes);
        var operatorId = Access.RequireAdmin(caller);
        var tiers = fees.VolumeTiers.IsDefault ? [] : fees.VolumeTiers;
        if (new MarkupSchedule(fees.MakerMarkup, fees.TakerMarkup, tiers).Validate() is { } markupError)
        {
            throw new ApiException(ApiError.From(markupError with { Field = "fees." + markupError.Field }));
        }

        if (fees.ReferralRebate.IsNegative || fees.ReferralRebate.Units > Rate.Scale)
        {
            throw new ApiException(ApiError.Invalid("fees.referral_rebate", "referral_rebate_out_of_range", $"referral_rebate {fees.ReferralRebate} is outside 0..1"));
        }

        await CheckReferralCodesAsync(operatorId, referralCodes);
        if (fees.OperatorShare.IsNegative || fees.PlatformShare.IsNegative || (fees.OperatorShare + fees.PlatformShare).Units != Rate.Scale)
        {
            throw new ApiException(ApiError.Invalid("fees.split", "split_not_one",
                $"operator_share {fees.OperatorShare} and platform_share {fees.PlatformShare} must be non-negative and sum to 1"));
        }

        var detail = $"markup maker {fees.MakerMarkup} taker {fees.TakerMarkup}, {tiers.Length} volume tiers "
            + $"[{string.Join("; ", tiers.Select(t => $"from {t.MinVolume}: {t.MakerMarkup}/{t.TakerMarkup}"))}], platform share {fees.PlatformShare}, referral rebate {fees.ReferralRebate}";
        await ConfigureAsync(caller, operatorId, "SetFees", detail, c => c with
        {
            Fees = c.Fees with
            {
                Markup = fees.MakerMarkup,
                TakerMarkup = fees.TakerMarkup == fees.MakerMarkup ? null : fees.TakerMarkup,
                VolumeTiers = tiers,
                ReferralRebateShare = fees.ReferralRebate,
                PlatformShareOfMarkup = fees.PlatformShare,
            },
        });
        await UpdateProfileAsync(caller, operatorId, "SetFees", $"referral codes [{string.Join(", ", referralCodes.Select(r => $"{r.Code} -> {r.Referrer}"))}]",
            p => p with { ReferralCodes = [.. referralCodes] });
        return await ViewAsync(operatorId);
    }

    /// <summary>Replaces the frontend features and the demo-deposit switch.</summary>
    public async Task<OperatorView> SetFeaturesAsync(CallerContext caller, FeatureFlags features, bool demoDeposits)
    {
        ArgumentNullException.ThrowIfNull(features);
        var operatorId = Access.RequireAdmin(caller);
        await ConfigureAsync(caller, operatorId, "SetFeatures", $"demo deposits {demoDeposits}", c => c with { DemoDeposits = demoDeposits });
        await UpdateProfileAsync(caller, operatorId, "SetFeatures", features.ToString(), p => p with { Features = features });
        return await ViewAsync(operatorId);
    }

    /// <summary>Replaces the risk limits.</summary>
    public async Task<OperatorView> SetRiskPolicyAsync(CallerContext caller, Money maxPositionNotional, TimeSpan staleMarkAfter)
    {
        var operatorId = Access.RequireAdmin(caller);
        if (maxPositionNotional.IsNegative)
        {
            throw new ApiException(ApiError.Invalid("risk.max_position_notional", "max_position_notional_negative", $"max_position_notional {maxPositionNotional} is negative"));
        }

        if (staleMarkAfter <= TimeSpan.Zero)
        {
            throw new ApiException(ApiError.Invalid("risk.stale_price_ms", "stale_price_ms_invalid", "stale_price_ms must be positive"));
        }

        await ConfigureAsync(caller, operatorId, "SetRiskPolicy", $"max notional {maxPositionNotional}, stale after {staleMarkAfter.TotalMilliseconds} ms",
            c => c with { Risk = c.Risk with { MaxPositionNotional = maxPositionNotional, StaleMarkAfter = staleMarkAfter } });
        return await ViewAsync(operatorId);
    }

    private async Task ConfigureAsync(CallerContext caller, string operatorId, string action, string detail, Func<OperatorConfig, OperatorConfig> change)
    {
        await ProfileAsync(operatorId);
        var grain = grains.GetGrain<IOperatorGrain>(operatorId);
        for (var attempt = 0; attempt < ConfigureAttempts; attempt++)
        {
            var current = await grain.GetConfigAsync();
            var next = change(current);
            var result = await grain.ConfigureAsync(new OperatorConfigChange(current.Version, next.Markets, next.CrossOffered, next.IsolatedOffered, next.Fees, next.Risk, next.DemoDeposits));
            if (result.IsSuccess)
            {
                await grains.GetGrain<IOperatorProfileGrain>(operatorId).RecordAsync(Audit(caller, action, detail));
                return;
            }

            if (result.Error.Code != "config_version_stale")
            {
                throw new ApiException(result.Error);
            }
        }

        throw new ApiException(new ApiError(ApiErrorKind.Unavailable, "config_contended", string.Empty, "the configuration kept changing under this update; retry"));
    }

    private async Task UpdateProfileAsync(CallerContext caller, string operatorId, string action, string detail, Func<OperatorProfile, OperatorProfile> change)
    {
        var grain = grains.GetGrain<IOperatorProfileGrain>(operatorId);
        for (var attempt = 0; attempt < ConfigureAttempts; attempt++)
        {
            var current = await ProfileAsync(operatorId);
            if (await grain.UpdateAsync(current.Version, change(current), Audit(caller, action, detail)))
            {
                return;
            }
        }

        throw new ApiException(new ApiError(ApiErrorKind.Unavailable, "profile_contended", string.Empty, "the operator kept changing under this update; retry"));
    }

    private async Task<OperatorProfile> ProfileAsync(string operatorId) =>
        await grains.GetGrain<IOperatorProfileGrain>(operatorId).GetAsync()
        ?? throw new ApiException(ApiError.NotFound("operator_id", "operator_not_found", $"operator '{operatorId}' does not exist"));

    private async Task<OperatorView> ViewAsync(string operatorId) =>
        new(await ProfileAsync(operatorId), await grains.GetGrain<IOperatorGrain>(operatorId).GetConfigAsync());

    private static void ValidateBranding(BrandingProfile branding)
    {
        if (string.IsNullOrWhiteSpace(branding.DisplayName) || branding.DisplayName.Length > 64)
        {
            throw new ApiException(ApiError.Invalid("branding.display_name", "display_name_invalid", "display_name is required, at most 64 characters"));
        }

        foreach (var (field, value) in new[] { ("primary_color", branding.PrimaryColor), ("accent_color", branding.AccentColor), ("background_color", branding.BackgroundColor) })
        {
            if (value.Length > 0 && !Color().IsMatch(value))
            {
                throw new ApiException(ApiError.Invalid($"branding.{field}", "color_invalid", $"{field} '{value}' is not #rrggbb"));
            }
        }

        foreach (var (field, value, kind) in new[] { ("logo_url", branding.LogoUrl, BrandAssetKind.Logo), ("favicon_url", branding.FaviconUrl, BrandAssetKind.Favicon) })
        {
            // an uploaded image is served from our own path; anything else must be an absolute http(s) URL
            var uploaded = value.StartsWith(BrandAsset.PathOf(kind) + "?v=", StringComparison.Ordinal) && value.Length <= 64;
            if (value.Length > 0 && !uploaded && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            {
                throw new ApiException(ApiError.Invalid($"branding.{field}", "url_invalid", $"{field} must be an absolute http(s) URL or an uploaded image's URL"));
            }
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();

    [GeneratedRegex("^[A-Z0-9]{1,20}-[A-Z]{2,10}$")]
    private static partial Regex MarketSymbol();
}
