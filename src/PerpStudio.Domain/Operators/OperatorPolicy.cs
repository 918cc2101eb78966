using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Operators;

/// <summary>
/// What an operator allows its traders, as far as the margin and fee rules are concerned: the margin modes it offers, a
/// cap on leverage per market (below the market's own tiers), and the fee it adds on top of the venue's.
/// </summary>
/// <param name="CrossOffered">True when traders may use cross margin.</param>
/// <param name="IsolatedOffered">True when traders may use isolated margin.</param>
/// <param name="LeverageCaps">Per-market leverage caps; a market not listed is capped only by its tiers.</param>
/// <param name="Markups">Maker and taker markups over the venue's rates, lowered by volume tiers.</param>
/// <param name="BuilderRate">Rate paid to a frontend builder on every fill (0 to 1%), zero when none.</param>
/// <param name="PlatformShareOfMarkup">The platform's share of the markup (0 to 1); the operator keeps the rest.</param>
public sealed record OperatorPolicy(
    bool CrossOffered,
    bool IsolatedOffered,
    IReadOnlyDictionary<MarketId, int> LeverageCaps,
    MarkupSchedule Markups,
    Rate BuilderRate,
    Rate PlatformShareOfMarkup)
{
    /// <summary>The largest fee markup or builder rate accepted: 1%.</summary>
    public static readonly Rate MaxFeeRate = MarkupSchedule.MaxMarkup;

    /// <summary>Both modes, no caps, no markup.</summary>
    public static readonly OperatorPolicy Open = new(true, true, new Dictionary<MarketId, int>(), MarkupSchedule.None, Rate.Zero, Rate.Zero);

    /// <summary>
    /// The share (0 to 1) of the operator's part of the markup paid to the referrer of a referred trader, on each of that
    /// trader's fills; zero pays no rebates.
    /// </summary>
    public Rate ReferralRebateShare { get; init; }

    /// <summary>True when the mode is offered.</summary>
    public bool Offers(MarginMode mode) => mode == MarginMode.Cross ? CrossOffered : IsolatedOffered;

    /// <summary>The operator's cap for a market, or int.MaxValue when uncapped.</summary>
    public int LeverageCapFor(MarketId market) =>
        LeverageCaps is { Count: > 0 } && LeverageCaps.TryGetValue(market, out var cap) ? cap : int.MaxValue;

    /// <summary>The most leverage a position of this notional (sub-units) may use: min(tier max, operator cap).</summary>
    public int MaxLeverageFor(MarketRules market, Int128 notionalSubUnits)
    {
        ArgumentNullException.ThrowIfNull(market);
        return Math.Min(market.Table.MaxLeverageAt(notionalSubUnits), LeverageCapFor(market.Id));
    }

    /// <summary>Refuses policies that cannot be applied: caps below 1, rates out of range, tiers out of order, no mode offered.</summary>
    public DomainError? Validate()
    {
        if (!CrossOffered && !IsolatedOffered)
        {
            return Refusals.InvalidSpec("no_margin_mode_offered", "margin_modes", "an operator must offer cross or isolated margin");
        }

        if (LeverageCaps is null)
        {
            return Refusals.Required("leverage_caps");
        }

        foreach (var (market, cap) in LeverageCaps)
        {
            if (cap < 1)
            {
                return Refusals.InvalidSpec("leverage_cap_invalid", "leverage_caps", $"leverage cap {cap} for {market} is below 1");
            }
        }

        if (Markups is null)
        {
            return Refusals.Required("markups");
        }

        if (Markups.Validate() is { } markupError)
        {
            return markupError;
        }

        if (BuilderRate.IsNegative || BuilderRate > MaxFeeRate)
        {
            return Refusals.RateOutOfRange("builder_rate", BuilderRate.ToString(), $"0..{MaxFeeRate}");
        }

        if (PlatformShareOfMarkup.IsNegative || PlatformShareOfMarkup.Units > Rate.Scale)
        {
            return Refusals.RateOutOfRange("platform_share_of_markup", PlatformShareOfMarkup.ToString(), "0..1");
        }

        if (ReferralRebateShare.IsNegative || ReferralRebateShare.Units > Rate.Scale)
        {
            return Refusals.RateOutOfRange("referral_rebate", ReferralRebateShare.ToString(), "0..1");
        }

        return null;
    }
}
