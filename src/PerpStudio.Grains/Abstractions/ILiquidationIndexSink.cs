using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// Told about every position change, synchronously, in the process that owns the position's grain (a plain service,
/// not a grain: it must not block or call grains). The liquidation engine keeps its per-market index of liquidation
/// prices with it; the default does nothing.
/// </summary>
public interface ILiquidationIndexSink
{
    /// <summary>A position changed; <see cref="LiquidationIndexEntry.Size"/> zero means it is gone.</summary>
    void PositionChanged(LiquidationIndexEntry entry);
}

/// <summary>A position as the liquidation index sees it.</summary>
/// <param name="Market">The market.</param>
/// <param name="Key">The account key (cross) or isolated position key.</param>
/// <param name="AccountKey">The owning account.</param>
/// <param name="Mode">Cross or isolated.</param>
/// <param name="Side">+1 long, -1 short, 0 flat.</param>
/// <param name="Size">Signed size (zero: removed).</param>
/// <param name="LiquidationPrice">The Domain's liquidation price, or null when none.</param>
public sealed record LiquidationIndexEntry(MarketId Market, string Key, string AccountKey, MarginMode Mode, int Side, Quantity Size, Price? LiquidationPrice);

/// <summary>The default sink: no index.</summary>
public sealed class NoLiquidationIndex : ILiquidationIndexSink
{
    /// <inheritdoc />
    public void PositionChanged(LiquidationIndexEntry entry)
    {
    }
}
