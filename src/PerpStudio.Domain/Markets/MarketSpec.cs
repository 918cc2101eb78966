using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Markets;

/// <summary>
/// What the platform knows of a perpetual market: its increments, minimums and margin table.
/// Prices are multiples of <paramref name="TickSize"/>; sizes are multiples of <paramref name="LotSize"/>.
/// </summary>
/// <param name="Id">The market's platform symbol.</param>
/// <param name="BaseAsset">The asset a size is counted in ("BTC").</param>
/// <param name="TickSize">The price increment.</param>
/// <param name="LotSize">The size increment.</param>
/// <param name="MinNotional">The smallest order value accepted.</param>
/// <param name="MarginTiers">Tiers by position notional, first tier's lower bound zero, lower bounds ascending, max leverage non-increasing.</param>
/// <param name="IsolatedOnly">True for markets that do not allow cross margin.</param>
public sealed record MarketSpec(
    MarketId Id,
    string BaseAsset,
    Price TickSize,
    Quantity LotSize,
    Money MinNotional,
    IReadOnlyList<MarginTier> MarginTiers,
    bool IsolatedOnly = false)
{
    /// <summary>The highest leverage of the first tier: the most any position in this market can use.</summary>
    public int MaxLeverage => MarginTiers[0].MaxLeverage;
}
