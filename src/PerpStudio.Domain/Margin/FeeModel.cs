using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>Whether a fill added liquidity (maker) or took it (taker).</summary>
public enum Liquidity
{
    /// <summary>Took liquidity: the taker rate applies.</summary>
    Taker,

    /// <summary>Rested on the book: the maker rate applies.</summary>
    Maker,
}

/// <summary>A venue's fee rates for one account tier (Hyperliquid's base tier is 0.045% taker, 0.015% maker).</summary>
/// <param name="MakerRate">Rate on maker fills, not negative (rebates are not modelled).</param>
/// <param name="TakerRate">Rate on taker fills, not negative.</param>
public sealed record FeeSchedule(Rate MakerRate, Rate TakerRate)
{
    /// <summary>The rate for a liquidity kind.</summary>
    public Rate RateFor(Liquidity liquidity) => liquidity == Liquidity.Maker ? MakerRate : TakerRate;
}

/// <summary>What to price a fee on.</summary>
/// <param name="Size">Fill size (sign ignored).</param>
/// <param name="Price">Fill price.</param>
/// <param name="Liquidity">Maker or taker.</param>
/// <param name="Venue">The venue's rates.</param>
/// <param name="Policy">The operator's markups, builder rate, platform share and referral share.</param>
public readonly record struct FeeParameters(Quantity Size, Price Price, Liquidity Liquidity, FeeSchedule Venue, OperatorPolicy Policy)
{
    /// <summary>The trader's traded notional over the trailing 30 days before this fill: it picks the volume tier.</summary>
    public Money TrailingVolume { get; init; }

    /// <summary>True when the trader has a referrer: a share of the operator's markup becomes the referral rebate.</summary>
    public bool Referred { get; init; }
}

/// <summary>
/// A fee and who gets it. <see cref="Total"/> is what the trader pays; the parts (with <see cref="Referral"/>) always
/// sum to it exactly.
/// </summary>
/// <param name="Total">Charged to the trader: notional x (venue + markup + builder rate), rounded up.</param>
/// <param name="Venue">Owed to the venue: notional x venue rate, rounded up (as venues charge it).</param>
/// <param name="Builder">To the frontend builder: notional x builder rate, rounded down.</param>
/// <param name="Platform">The platform's share of the markup pool, rounded down.</param>
/// <param name="Operator">The rest of the markup pool after the platform and the referral rebate: every rounding unit lands here.</param>
public readonly record struct FeeCharge(Money Total, Money Venue, Money Builder, Money Platform, Money Operator)
{
    /// <summary>The referrer's rebate: the referral share of the operator's part, rounded down; zero for a trader without referrer.</summary>
    public Money Referral { get; init; }
}

/// <summary>Fee math for fills: what the trader is charged and how it splits between venue, builder, platform and operator.</summary>
public static class FeeModel
{
    /// <summary>
    /// Prices a fee. The total rounds up (a fee owed); the venue's part rounds up too, because that is what the venue
    /// will debit; builder and platform parts round down; the operator takes what is left. Since
    /// ceil(a + b + c) &gt;= ceil(a) + floor(b) + floor(c), no part is ever negative.
    /// </summary>
    public static Result<FeeCharge> Charge(FeeParameters parameters)
    {
        if (parameters.Venue is null)
        {
            return Refusals.Required("fee_schedule");
        }

        if (parameters.Policy is null)
        {
            return Refusals.Required("operator_policy");
        }

        var venueRate = parameters.Venue.RateFor(parameters.Liquidity);
        if (venueRate.IsNegative)
        {
            return Refusals.RateOutOfRange("venue_fee_rate", venueRate.ToString(), "0 or more");
        }

        if (parameters.Policy.Validate() is { } policyError)
        {
            return policyError;
        }

        if (!parameters.Price.IsPositive)
        {
            return Refusals.NotPositive("price", parameters.Price.ToString());
        }

        var markup = parameters.Policy.Markups.MarkupFor(parameters.Liquidity, parameters.TrailingVolume);
        return ChargeUnchecked(Exact.Notional(parameters.Size, parameters.Price), venueRate, markup, parameters.Policy, parameters.Referred);
    }

    /// <summary>The fee total alone for a notional in sub-units at a combined rate, rounded up (the hot path's estimate).</summary>
    public static Money TotalFor(Int128 notionalSubUnits, Rate combinedRate) =>
        Exact.TimesRate(notionalSubUnits, combinedRate, MarginRounding.Requirement);

    /// <summary>
    /// The rate a trader pays for a liquidity kind at the base markup: venue + markup + builder. Markups only fall with
    /// volume, so this bounds every tier's rate (what a pre-trade check should reserve for).
    /// </summary>
    public static Rate TraderRate(FeeSchedule venue, OperatorPolicy policy, Liquidity liquidity) => TraderRate(venue, policy, liquidity, Money.Zero);

    /// <summary>The rate a trader with this trailing 30-day volume pays for a liquidity kind: venue + tier markup + builder.</summary>
    public static Rate TraderRate(FeeSchedule venue, OperatorPolicy policy, Liquidity liquidity, Money trailingVolume)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(policy);
        return venue.RateFor(liquidity) + policy.Markups.MarkupFor(liquidity, trailingVolume) + policy.BuilderRate;
    }

    private static FeeCharge ChargeUnchecked(Int128 notional, Rate venueRate, Rate markup, OperatorPolicy policy, bool referred)
    {
        var total = TotalFor(notional, venueRate + markup + policy.BuilderRate);
        var venue = TotalFor(notional, venueRate);
        var builder = Exact.TimesRate(notional, policy.BuilderRate, MarginRounding.Share);
        var pool = total - venue - builder;
        var platform = new Money(FixedPoint.MulDiv(pool.Units, policy.PlatformShareOfMarkup.Units, Rate.Scale, MarginRounding.Share));
        var operatorPart = pool - platform;

        // the rebate comes out of the operator's part only: the platform's share is the same with or without a referrer
        var referral = referred ? new Money(FixedPoint.MulDiv(operatorPart.Units, policy.ReferralRebateShare.Units, Rate.Scale, MarginRounding.Share)) : Money.Zero;
        return new FeeCharge(total, venue, builder, platform, operatorPart - referral) { Referral = referral };
    }
}
