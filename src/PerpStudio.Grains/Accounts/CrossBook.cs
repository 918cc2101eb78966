using System.Reflection;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Accounts;

/// <summary>
/// Rebuilds the Domain's <see cref="CrossAccount"/> from stored state. The Domain offers no public way to restore an
/// account with existing positions (only to grow one fill by fill, which cannot reproduce a realized carry), so this
/// binds once to its constructor; a Domain change that removes it fails at startup, not silently.
/// </summary>
public static class CrossBook
{
    private static readonly ConstructorInfo Constructor =
        typeof(CrossAccount).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(Money), typeof(Money), typeof(CrossPosition[]), typeof(MarketRules[])])
        ?? throw new InvalidOperationException("CrossAccount(Money, Money, CrossPosition[], MarketRules[]) is gone: CrossBook must be updated");

    /// <summary>An account with these balances and positions, each position's figures computed by the Domain at its mark.</summary>
    /// <param name="collateral">Collateral.</param>
    /// <param name="reserved">Reserved margin.</param>
    /// <param name="positions">Positions with their rules, mark and leverage.</param>
    public static CrossAccount Restore(Money collateral, Money reserved, IEnumerable<(MarketRules Rules, Position Position, int Leverage, Price Mark)> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var ordered = positions.Where(p => !p.Position.IsFlat).OrderBy(p => p.Rules.Id.Symbol, StringComparer.Ordinal).ToArray();
        var cross = ordered.Select(p => CrossPosition.At(p.Rules, p.Position, p.Leverage, p.Mark)).ToArray();
        var rules = ordered.Select(p => p.Rules).ToArray();
        return (CrossAccount)Constructor.Invoke([collateral, reserved, cross, rules]);
    }
}
