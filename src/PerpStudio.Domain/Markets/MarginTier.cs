using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Markets;

/// <summary>
/// One tier of a market's margin table: from <paramref name="LowerBound"/> of position notional upward, leverage is
/// capped at <paramref name="MaxLeverage"/> and the maintenance rate is 1 / (2 x MaxLeverage).
/// </summary>
/// <param name="LowerBound">Position notional at which this tier starts.</param>
/// <param name="MaxLeverage">The highest leverage allowed in this tier (an integer, at least 1).</param>
public sealed record MarginTier(Money LowerBound, int MaxLeverage);
