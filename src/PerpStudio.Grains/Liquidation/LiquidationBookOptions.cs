using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Liquidation;

/// <summary>How the liquidation index treats cross accounts with positions in several markets.</summary>
public sealed class LiquidationBookOptions
{
    /// <summary>
    /// The band by which the other markets' marks are assumed to move against a multi-market cross account when its
    /// entries are derived (default 2%). Its entries stay conservative while every other mark stays inside the band;
    /// a mark leaving it re-derives the account's entries. Wider: fewer re-derivations, more false candidates.
    /// </summary>
    public Rate CrossBand { get; set; } = Rate.Of(0.02m);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (!CrossBand.IsPositive || CrossBand.Units >= Rate.Scale / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(CrossBand), CrossBand, "the cross band must be above 0 and below 50%");
        }
    }
}
