using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// One market's part of the <see cref="LiquidationBook"/>: liquidation entries by holder, re-derivation triggers of
/// multi-market cross accounts (by account key), the last mark and the open positions' sizes (open interest).
/// Guarded by the book's lock.
/// </summary>
internal sealed class MarketLiquidationIndex
{
    private readonly Dictionary<PositionHolder, long> _sizes = [];

    /// <summary>Where each position would be liquidated (see <see cref="LiquidationEntryPrice"/>).</summary>
    public PriceLadder<PositionHolder> Entries { get; } = new();

    /// <summary>Where this market's mark, moving against a multi-market cross account, makes its entries elsewhere stale.</summary>
    public PriceLadder<string> Triggers { get; } = new(StringComparer.Ordinal);

    public Price? Mark { get; set; }

    /// <summary>Sum of long sizes (units).</summary>
    public long LongSize { get; private set; }

    /// <summary>Sum of |short sizes| (units).</summary>
    public long ShortSize { get; private set; }

    public int HolderCount => _sizes.Count;

    /// <summary>Records a holder's size; returns +1 when it appeared, -1 when it left, 0 otherwise.</summary>
    public int SetSize(PositionHolder holder, Quantity size)
    {
        var known = _sizes.Remove(holder, out var before);
        if (known)
        {
            Count(before, -1);
        }

        if (size.IsZero)
        {
            Entries.Remove(holder);
            return known ? -1 : 0;
        }

        _sizes[holder] = size.Units;
        Count(size.Units, 1);
        return known ? 0 : 1;
    }

    private void Count(long size, int direction)
    {
        if (size > 0)
        {
            LongSize = checked(LongSize + (direction * size));
        }
        else
        {
            ShortSize = checked(ShortSize - (direction * size));
        }
    }
}
