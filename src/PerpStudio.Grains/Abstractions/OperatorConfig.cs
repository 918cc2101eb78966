using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Abstractions;

/// <summary>An operator's trading configuration at one version.</summary>
/// <param name="OperatorId">The operator.</param>
/// <param name="Version">Bumped by every accepted change; 0 before the first.</param>
/// <param name="Markets">Markets offered, by symbol.</param>
/// <param name="CrossOffered">Traders may use cross margin.</param>
/// <param name="IsolatedOffered">Traders may use isolated margin.</param>
/// <param name="Fees">Markup and revenue split.</param>
/// <param name="Risk">Risk limits.</param>
/// <param name="DemoDeposits">True when traders may credit themselves demo collateral.</param>
public sealed record OperatorConfig(
    string OperatorId,
    long Version,
    ImmutableArray<MarketOffering> Markets,
    bool CrossOffered,
    bool IsolatedOffered,
    OperatorFees Fees,
    OperatorRisk Risk,
    bool DemoDeposits)
{
    /// <summary>The market's offering, or null when the operator does not offer it.</summary>
    public MarketOffering? Offering(MarketId market)
    {
        foreach (var m in Markets)
        {
            if (m.Market == market)
            {
                return m;
            }
        }

        return null;
    }
}

/// <summary>One market an operator offers.</summary>
/// <param name="Market">The market.</param>
/// <param name="DefaultLeverage">Leverage a new position starts with when the trader names none.</param>
/// <param name="MaxLeverage">The operator's cap (below the market's tiers).</param>
/// <param name="Venues">Venues the operator allows orders in this market to be routed to (router names, e.g. "sim-a").</param>
public sealed record MarketOffering(MarketId Market, int DefaultLeverage, int MaxLeverage, ImmutableArray<string> Venues);

/// <summary>The operator's fee markups on top of the venue's rates, volume tiers, referral rebates and how fee revenue splits.</summary>
/// <param name="Markup">Base markup on maker fills, and on taker fills unless <see cref="TakerMarkup"/> is set (0..1%).</param>
/// <param name="BuilderRate">Rate paid to a frontend builder (0..1%).</param>
/// <param name="PlatformShareOfMarkup">The platform's share of the markup pool (0..1); the operator keeps the rest.</param>
public sealed record OperatorFees(Rate Markup, Rate BuilderRate, Rate PlatformShareOfMarkup)
{
    /// <summary>No markup, no builder.</summary>
    public static readonly OperatorFees None = new(Rate.Zero, Rate.Zero, Rate.Zero);

    /// <summary>Base markup on taker fills when it differs from the maker's; null for the same as <see cref="Markup"/>.</summary>
    public Rate? TakerMarkup { get; init; }

    /// <summary>Volume tiers lowering the markups by trailing 30-day volume, ascending.</summary>
    public ImmutableArray<VolumeTier> VolumeTiers { get; init; } = [];

    /// <summary>The share (0..1) of the operator's part of the markup paid to a referred trader's referrer.</summary>
    public Rate ReferralRebateShare { get; init; }

    /// <summary>The markups as the Domain applies them.</summary>
    public MarkupSchedule Schedule() => new(Markup, TakerMarkup ?? Markup, VolumeTiers.IsDefault ? [] : VolumeTiers);
}

/// <summary>The operator's risk limits.</summary>
/// <param name="MaxPositionNotional">The largest position value (at the mark) a trader may hold per market; zero for no limit.</param>
/// <param name="LiquidationStepFraction">The share of a position the liquidation engine closes per step (0..1].</param>
/// <param name="StaleMarkAfter">A mark older than this refuses risk-increasing orders.</param>
public sealed record OperatorRisk(Money MaxPositionNotional, Rate LiquidationStepFraction, TimeSpan StaleMarkAfter)
{
    /// <summary>No notional limit, full-size liquidation steps, marks stale after 30 seconds.</summary>
    public static readonly OperatorRisk Default = new(Money.Zero, new Rate(Rate.Scale), TimeSpan.FromSeconds(30));
}

/// <summary>A proposed configuration, applied only over <paramref name="ExpectedVersion"/>.</summary>
/// <param name="ExpectedVersion">The version the change was made from (optimistic concurrency).</param>
/// <param name="Markets">Markets offered.</param>
/// <param name="CrossOffered">Cross margin offered.</param>
/// <param name="IsolatedOffered">Isolated margin offered.</param>
/// <param name="Fees">Fee markup and split.</param>
/// <param name="Risk">Risk limits.</param>
/// <param name="DemoDeposits">Demo deposits allowed.</param>
public sealed record OperatorConfigChange(
    long ExpectedVersion,
    ImmutableArray<MarketOffering> Markets,
    bool CrossOffered,
    bool IsolatedOffered,
    OperatorFees Fees,
    OperatorRisk Risk,
    bool DemoDeposits);

/// <summary>How an operator's exchange looks (name, colours, logo); kept separate from trading configuration.</summary>
/// <param name="DisplayName">The exchange's name as traders see it.</param>
/// <param name="PrimaryColor">CSS colour, e.g. "#1f6feb".</param>
/// <param name="LogoUrl">Where the logo is served from, or empty.</param>
public sealed record OperatorBranding(string DisplayName, string PrimaryColor, string LogoUrl)
{
    /// <summary>Unbranded.</summary>
    public static readonly OperatorBranding Default = new("PerpStudio", "#1f6feb", string.Empty);
}
