using System.Collections.Immutable;
using PerpStudio.Api.Application;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using Proto = PerpStudio.Contracts.V1;

namespace PerpStudio.Api.Grpc;

/// <summary>Operator configuration between the API's records and protobuf.</summary>
public static class OperatorProto
{
    /// <summary>The whole configuration.</summary>
    public static Proto.OperatorConfig Config(OperatorView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var (profile, trading) = (view.Profile, view.Trading);
        var b = profile.Branding;
        var config = new Proto.OperatorConfig
        {
            OperatorId = profile.OperatorId,
            Branding = new Proto.Branding
            {
                DisplayName = b.DisplayName,
                Tagline = b.Tagline,
                LogoUrl = b.LogoUrl,
                FaviconUrl = b.FaviconUrl,
                PrimaryColor = b.PrimaryColor,
                AccentColor = b.AccentColor,
                BackgroundColor = b.BackgroundColor,
                FontFamily = b.FontFamily,
            },
            Subdomain = profile.Subdomain,
            Fees = Fees(trading.Fees),
            Features = new Proto.Features
            {
                OrderBook = profile.Features.OrderBook,
                Chart = profile.Features.Chart,
                OneClickTrading = profile.Features.OneClickTrading,
                LeverageSelector = profile.Features.LeverageSelector,
                Leaderboard = profile.Features.Leaderboard,
                DemoDeposits = trading.DemoDeposits,
            },
            Risk = new Proto.RiskPolicy
            {
                MaxPositionNotional = trading.Risk.MaxPositionNotional.IsZero ? string.Empty : trading.Risk.MaxPositionNotional.ToString(),
                StalePriceMs = (uint)Math.Clamp(trading.Risk.StaleMarkAfter.TotalMilliseconds, 0, uint.MaxValue),
            },
            Version = (ulong)(Math.Max(0, profile.Version) + Math.Max(0, trading.Version)),
            BlockUnknownRegion = profile.BlockUnknownRegion,
        };
        config.CustomDomains.Add(profile.CustomDomains);
        config.BlockedRegions.Add(profile.BlockedRegions);
        config.ReferralCodes.Add(profile.ReferralCodes.Select(r => new Proto.ReferralCode { Code = r.Code, ReferrerAddress = r.Referrer }));
        foreach (var m in trading.Markets)
        {
            var market = new Proto.OperatorMarket { Market = m.Market.Symbol, DefaultLeverage = (uint)m.DefaultLeverage, MaxLeverage = (uint)m.MaxLeverage };
            var modes = profile.MarketModes.TryGetValue(m.Market.Symbol, out var listed)
                ? listed
                : [.. new[] { (trading.CrossOffered, Domain.Orders.MarginMode.Cross), (trading.IsolatedOffered, Domain.Orders.MarginMode.Isolated) }.Where(x => x.Item1).Select(x => x.Item2)];
            market.MarginModes.Add(modes.Select(ProtoMapper.Mode));
            market.Venues.Add(m.Venues);
            config.Markets.Add(market);
        }

        return config;
    }

    /// <summary>The fee schedule as configured.</summary>
    public static Proto.FeeSchedule Fees(OperatorFees fees)
    {
        ArgumentNullException.ThrowIfNull(fees);
        var schedule = fees.Schedule();
        var proto = new Proto.FeeSchedule
        {
            MakerMarkup = schedule.Maker.ToString(),
            TakerMarkup = schedule.Taker.ToString(),
            Split = new Proto.RevenueSplit
            {
                OperatorShare = (new Rate(Rate.Scale) - fees.PlatformShareOfMarkup).ToString(),
                PlatformShare = fees.PlatformShareOfMarkup.ToString(),
            },
            ReferralRebate = fees.ReferralRebateShare.ToString(),
        };
        proto.VolumeTiers.Add(schedule.Tiers.Select(t => new Proto.FeeTier { MinVolume = t.MinVolume.ToString(), MakerMarkup = t.MakerMarkup.ToString(), TakerMarkup = t.TakerMarkup.ToString() }));
        return proto;
    }

    /// <summary>A revenue report: rows per (UTC day, market) and their sums.</summary>
    public static Proto.RevenueReport Revenue(RevenueView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var (report, totals) = (view.Report, view.Report.Totals);
        var proto = new Proto.RevenueReport
        {
            TotalFees = totals.Collected.ToString(),
            TotalOperatorRevenue = totals.Operator.ToString(),
            TotalPlatformRevenue = totals.Platform.ToString(),
            TotalVenueFees = totals.Venue.ToString(),
            TotalBuilderFees = totals.Builder.ToString(),
            TotalReferralRebates = totals.Referral.ToString(),
            TotalVolume = totals.Volume.ToString(),
            Fills = (ulong)Math.Max(0, totals.Fills),
            OldestDayKept = report.OldestDayKept is { } oldest ? Day(oldest) : string.Empty,
        };
        proto.Rows.Add(report.Rows.Select(r => new Proto.RevenueRow
        {
            Day = Day(r.Day),
            Market = r.Market.Symbol,
            Volume = r.Volume.ToString(),
            FeesCollected = r.Collected.ToString(),
            VenueFees = r.Venue.ToString(),
            OperatorRevenue = r.Operator.ToString(),
            PlatformRevenue = r.Platform.ToString(),
            ReferralRebates = r.Referral.ToString(),
            BuilderFees = r.Builder.ToString(),
            Fills = (ulong)Math.Max(0, r.Fills),
        }));
        return proto;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Branding from protobuf.</summary>
    public static BrandingProfile Branding(Proto.Branding b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new BrandingProfile(b.DisplayName, b.Tagline, b.LogoUrl, b.FaviconUrl, b.PrimaryColor, b.AccentColor, b.BackgroundColor, b.FontFamily);
    }

    /// <summary>A market offering from protobuf (index <paramref name="i"/> names the fields).</summary>
    public static OperatorMarketInput Market(Proto.OperatorMarket m, int i)
    {
        ArgumentNullException.ThrowIfNull(m);
        var market = FieldParser.Market(m.Market, $"markets[{i}].market");
        var max = FieldParser.Leverage(m.MaxLeverage, $"markets[{i}].max_leverage");
        var defaultLeverage = FieldParser.Leverage(m.DefaultLeverage, $"markets[{i}].default_leverage");
        var modes = m.MarginModes.Select((mode, j) => FieldParser.MarginMode(mode, $"markets[{i}].margin_modes[{j}]")).Distinct().ToImmutableArray();
        var venues = m.Venues.ToImmutableArray();
        return new OperatorMarketInput(new MarketOffering(market, defaultLeverage, max, venues), modes);
    }

    /// <summary>An API key listing.</summary>
    public static Proto.ApiKey Key(ApiKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var proto = new Proto.ApiKey
        {
            KeyId = key.KeyId,
            Label = key.Label,
            TraderAddress = key.Trader is null ? string.Empty : Ethereum.EthereumAddress.Parse(key.Trader).ToString(),
            CreatedAtUnixMs = key.CreatedAt.ToUnixTimeMilliseconds(),
            Revoked = key.Revoked,
        };
        if (key.Scopes.HasFlag(ApiScopes.Read))
        {
            proto.Scopes.Add(Proto.ApiKeyScope.Read);
        }

        if (key.Scopes.HasFlag(ApiScopes.Trade))
        {
            proto.Scopes.Add(Proto.ApiKeyScope.Trade);
        }

        if (key.Scopes.HasFlag(ApiScopes.Admin))
        {
            proto.Scopes.Add(Proto.ApiKeyScope.Admin);
        }

        return proto;
    }
}
