using System.Collections.Immutable;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Operators;

/// <summary>A volume tier: from a trailing 30-day traded notional on, the trader pays these (lower) markups.</summary>
/// <param name="MinVolume">The trailing 30-day notional from which the tier applies (positive).</param>
/// <param name="MakerMarkup">Added to the venue's maker rate in this tier.</param>
/// <param name="TakerMarkup">Added to the venue's taker rate in this tier.</param>
public sealed record VolumeTier(Money MinVolume, Rate MakerMarkup, Rate TakerMarkup);

/// <summary>
/// The operator's markups over the venue's fee: a base maker and taker markup, and volume tiers that lower them for
/// traders with more trailing volume. Markups never rise with volume, so the base markup bounds every tier's.
/// </summary>
/// <param name="Maker">Base markup on maker fills (0 to 1%).</param>
/// <param name="Taker">Base markup on taker fills (0 to 1%).</param>
/// <param name="Tiers">Volume tiers, strictly ascending by <see cref="VolumeTier.MinVolume"/>.</param>
public sealed record MarkupSchedule(Rate Maker, Rate Taker, ImmutableArray<VolumeTier> Tiers)
{
    /// <summary>The largest markup accepted: 1%.</summary>
    public static readonly Rate MaxMarkup = new(Rate.Scale / 100);

    /// <summary>No markup at all.</summary>
    public static readonly MarkupSchedule None = new(Rate.Zero, Rate.Zero, []);

    /// <summary>One markup for maker and taker fills, no tiers.</summary>
    public static MarkupSchedule Flat(Rate markup) => new(markup, markup, []);

    /// <summary>The tier a trader with this trailing volume is in, or null for the base markups.</summary>
    public VolumeTier? TierAt(Money trailingVolume)
    {
        VolumeTier? reached = null;
        foreach (var tier in Tiers.IsDefault ? [] : Tiers)
        {
            if (tier.MinVolume > trailingVolume)
            {
                break;
            }

            reached = tier;
        }

        return reached;
    }

    /// <summary>The markup a fill of this liquidity pays at this trailing volume.</summary>
    public Rate MarkupFor(Liquidity liquidity, Money trailingVolume)
    {
        var tier = TierAt(trailingVolume);
        return liquidity == Liquidity.Maker ? tier?.MakerMarkup ?? Maker : tier?.TakerMarkup ?? Taker;
    }

    /// <summary>
    /// Refuses a schedule that cannot be applied: a markup outside 0..1%, tiers not strictly ascending or not above zero
    /// volume, or a tier whose markup is above the one before it.
    /// </summary>
    public DomainError? Validate()
    {
        if ((OutOfRange("maker_markup", Maker) ?? OutOfRange("taker_markup", Taker)) is { } baseError)
        {
            return baseError;
        }

        if (Tiers.IsDefault)
        {
            return Refusals.Required("volume_tiers");
        }

        var (previousVolume, previousMaker, previousTaker) = (Money.Zero, Maker, Taker);
        for (var i = 0; i < Tiers.Length; i++)
        {
            var tier = Tiers[i];
            var field = $"volume_tiers[{i}]";
            if (tier is null)
            {
                return Refusals.Required(field);
            }

            if (!tier.MinVolume.IsPositive)
            {
                return Refusals.InvalidSpec("min_volume_not_positive", field + ".min_volume", $"tier {i} must start above zero volume, got {tier.MinVolume}");
            }

            if (i > 0 && tier.MinVolume <= previousVolume)
            {
                return Refusals.InvalidSpec("volume_tiers_not_ascending", field + ".min_volume",
                    $"tier {i} starts at {tier.MinVolume}, not above the previous tier's {previousVolume}");
            }

            if ((OutOfRange("maker_markup", tier.MakerMarkup, field + ".") ?? OutOfRange("taker_markup", tier.TakerMarkup, field + ".")) is { } rateError)
            {
                return rateError;
            }

            if (tier.MakerMarkup > previousMaker || tier.TakerMarkup > previousTaker)
            {
                return Refusals.InvalidSpec("volume_tier_markup_rises", field,
                    $"tier {i} markups {tier.MakerMarkup}/{tier.TakerMarkup} exceed the lower volume's {previousMaker}/{previousTaker}: markups only fall with volume");
            }

            (previousVolume, previousMaker, previousTaker) = (tier.MinVolume, tier.MakerMarkup, tier.TakerMarkup);
        }

        return null;
    }

    // the code names the markup ("taker_markup_out_of_range"); the field says where it is ("volume_tiers[1].taker_markup")
    private static DomainError? OutOfRange(string name, Rate rate, string prefix = "") =>
        rate.IsNegative || rate > MaxMarkup
            ? Refusals.RateOutOfRange(name, rate.ToString(), $"0..{MaxMarkup}") with { Field = prefix + name }
            : null;
}
