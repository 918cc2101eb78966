using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Markets;

/// <summary>
/// A validated <see cref="MarketSpec"/> with its exact margin table: the one object the margin rules take for a market.
/// Build it once per spec with <see cref="Create"/>; it is immutable and safe to share.
/// </summary>
public sealed class MarketRules
{
    private MarketRules(MarketSpec spec, MarginTable table)
    {
        Spec = spec;
        Table = table;
        PriceDecimals = DecimalsOf(spec.TickSize.Units, Price.Scale);
        SizeDecimals = DecimalsOf(spec.LotSize.Units, Quantity.Scale);
    }

    /// <summary>The spec as listed.</summary>
    public MarketSpec Spec { get; }

    /// <summary>The exact margin tiers.</summary>
    public MarginTable Table { get; }

    /// <summary>The market's symbol.</summary>
    public MarketId Id => Spec.Id;

    /// <summary>The price increment.</summary>
    public Price TickSize => Spec.TickSize;

    /// <summary>The size increment.</summary>
    public Quantity LotSize => Spec.LotSize;

    /// <summary>Decimal places a price on tick can have (tick 0.01 gives 2; tick 5 gives 0).</summary>
    public int PriceDecimals { get; }

    /// <summary>Decimal places a size on lot can have (Hyperliquid's szDecimals).</summary>
    public int SizeDecimals { get; }

    /// <summary>Validates a spec: symbol and base asset present, tick and lot positive, minimum notional not negative, tiers
    /// well formed (at least one, first lower bound zero, lower bounds strictly ascending, max leverage 1..1000 and non-increasing).</summary>
    public static Result<MarketRules> Create(MarketSpec? spec)
    {
        if (spec is null)
        {
            return Refusals.Required("market_spec");
        }

        if (string.IsNullOrWhiteSpace(spec.Id.Symbol))
        {
            return Refusals.Required("market");
        }

        if (string.IsNullOrWhiteSpace(spec.BaseAsset))
        {
            return Refusals.Required("base_asset");
        }

        if (!spec.TickSize.IsPositive)
        {
            return Refusals.NotPositive("tick_size", spec.TickSize.ToString());
        }

        if (!spec.LotSize.IsPositive)
        {
            return Refusals.NotPositive("lot_size", spec.LotSize.ToString());
        }

        if (spec.MinNotional.IsNegative)
        {
            return Refusals.InvalidSpec("min_notional_negative", "min_notional", $"minimum notional {spec.MinNotional} is negative");
        }

        var tierError = ValidateTiers(spec.MarginTiers);
        return tierError is null ? new MarketRules(spec, MarginTable.FromTiers(spec.MarginTiers)) : tierError;
    }

    /// <summary>True when the price is a multiple of the tick.</summary>
    public bool IsOnTick(Price price) => price.Units % Spec.TickSize.Units == 0;

    /// <summary>True when the size (either sign) is a multiple of the lot.</summary>
    public bool IsOnLot(Quantity size) => size.Units % Spec.LotSize.Units == 0;

    /// <summary>True when |size| x price reaches the minimum notional (compared exactly, no rounding).</summary>
    public bool MeetsMinNotional(Quantity size, Price price) => Exact.Notional(size, price) >= Exact.Of(Spec.MinNotional);

    /// <summary>Rounds a price to the tick in the stated direction, for venues that must; client input is refused instead.</summary>
    public Price RoundPriceToTick(Price price, Rounding direction) =>
        new(FixedPoint.RoundToStep(price.Units, Spec.TickSize.Units, direction));

    /// <summary>Rounds a size to the lot in the stated direction (sizing rounds down so that it never exceeds a budget).</summary>
    public Quantity RoundSizeToLot(Quantity size, Rounding direction) =>
        new(FixedPoint.RoundToStep(size.Units, Spec.LotSize.Units, direction));

    private static DomainError? ValidateTiers(IReadOnlyList<MarginTier>? tiers)
    {
        if (tiers is null || tiers.Count == 0)
        {
            return Refusals.InvalidSpec("margin_tiers_empty", "margin_tiers", "a market needs at least one margin tier");
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier is null)
            {
                return Refusals.Required($"margin_tiers[{i}]");
            }

            if (tier.MaxLeverage is < 1 or > 1000)
            {
                return Refusals.InvalidSpec("margin_tier_leverage_invalid", "margin_tiers", $"tier {i} max leverage {tier.MaxLeverage} is outside 1..1000");
            }

            if (i == 0 && !tier.LowerBound.IsZero)
            {
                return Refusals.InvalidSpec("margin_tier_first_bound_not_zero", "margin_tiers", $"the first tier must start at 0, not {tier.LowerBound}");
            }

            if (i > 0 && tier.LowerBound <= tiers[i - 1].LowerBound)
            {
                return Refusals.InvalidSpec("margin_tiers_not_ascending", "margin_tiers", $"tier {i} lower bound {tier.LowerBound} does not exceed tier {i - 1}'s {tiers[i - 1].LowerBound}");
            }

            if (i > 0 && tier.MaxLeverage > tiers[i - 1].MaxLeverage)
            {
                return Refusals.InvalidSpec("margin_tiers_leverage_increasing", "margin_tiers", $"tier {i} max leverage {tier.MaxLeverage} exceeds tier {i - 1}'s {tiers[i - 1].MaxLeverage}");
            }
        }

        return null;
    }

    private static int DecimalsOf(long step, long scale)
    {
        var decimals = ScaledDecimal.Decimals(scale);
        while (decimals > 0 && step % 10 == 0)
        {
            step /= 10;
            decimals--;
        }

        return decimals;
    }
}
