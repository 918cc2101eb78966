using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Liquidation;

/// <summary>How the liquidation engine sizes its steps.</summary>
public sealed class LiquidationPolicy
{
    /// <summary>
    /// Positions worth more than this are closed in steps of the operator's <c>LiquidationStepFraction</c> (or
    /// <see cref="DefaultStepFraction"/> when the operator closes whole positions), re-checked between steps.
    /// Default 100,000 USDC, as Hyperliquid.
    /// </summary>
    public Money PartialAbove { get; set; } = Money.Of(100_000m);

    /// <summary>The step used above <see cref="PartialAbove"/> when the operator's fraction is 1 (default 20%, as Hyperliquid).</summary>
    public Rate DefaultStepFraction { get; set; } = Rate.Of(0.2m);
}

/// <summary>What one sweep did.</summary>
/// <param name="Candidates">Holders the index returned.</param>
/// <param name="FalseCandidates">Of those, the ones the holder's re-check cleared.</param>
/// <param name="Steps">Liquidation orders sent (book liquidations).</param>
/// <param name="Deleveraged">Winning positions closed by auto-deleveraging.</param>
/// <param name="ShortfallsCovered">Cross accounts left negative whose shortfall the fund covered.</param>
/// <param name="Refusals">Closing orders the account refused, with why (retried at the next sweep).</param>
public sealed record SweepReport(int Candidates, int FalseCandidates, int Steps, int Deleveraged, int ShortfallsCovered, IReadOnlyList<string> Refusals);
