using System.Numerics;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Liquidation;

namespace PerpStudio.Grains.Insurance;

/// <summary>A position that auto-deleveraging may close.</summary>
/// <param name="Holder">Who holds it.</param>
/// <param name="Size">Signed size.</param>
/// <param name="EntryPrice">Average entry.</param>
/// <param name="Mark">The mark.</param>
/// <param name="Notional">|size| x mark.</param>
/// <param name="AccountValue">The equity behind it: cross account value, or the isolated position's margin + PnL.</param>
/// <param name="UnrealizedPnl">Its PnL at the mark.</param>
public readonly record struct AdlCandidate(PositionHolder Holder, Quantity Size, Price EntryPrice, Price Mark, Money Notional, Money AccountValue, Money UnrealizedPnl);

/// <summary>
/// Hyperliquid's auto-deleveraging order: positions on the side opposite the bankrupt one, in profit, ranked by
/// (mark / entry price) x (notional / account value), highest first: the most profitable and most leveraged go first.
/// Compared exactly as fractions; ties go by holder key so the order is deterministic.
/// </summary>
public static class AdlRanking
{
    /// <summary>The opposite side's profitable positions, in the order they are deleveraged.</summary>
    /// <param name="positions">Positions in the bankrupt position's market.</param>
    /// <param name="bankruptSign">+1 when the bankrupt position is long (shorts are deleveraged), -1 when short.</param>
    public static IReadOnlyList<AdlCandidate> Rank(IEnumerable<AdlCandidate> positions, int bankruptSign)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var eligible = positions
            .Where(p => p.Size.Sign == -Math.Sign(bankruptSign) && p.UnrealizedPnl.IsPositive && p.AccountValue.IsPositive && p.EntryPrice.IsPositive)
            .ToList();
        eligible.Sort(Compare);
        return eligible;
    }

    /// <summary>The score as an exact fraction (numerator, denominator): mark x notional / (entry x account value).</summary>
    public static (BigInteger Numerator, BigInteger Denominator) Score(AdlCandidate c) =>
        ((BigInteger)c.Mark.Units * c.Notional.Units, (BigInteger)c.EntryPrice.Units * c.AccountValue.Units);

    private static int Compare(AdlCandidate a, AdlCandidate b)
    {
        var (an, ad) = Score(a);
        var (bn, bd) = Score(b);
        var byScore = (bn * ad).CompareTo(an * bd); // descending
        return byScore != 0 ? byScore : string.CompareOrdinal(a.Holder.ToString(), b.Holder.ToString());
    }
}
