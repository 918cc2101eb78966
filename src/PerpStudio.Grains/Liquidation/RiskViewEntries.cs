using PerpStudio.Domain.Orders;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Liquidation;

/// <summary>An account's risk view as index entries (what the holder grains report through the sink).</summary>
public static class RiskViewEntries
{
    /// <summary>The entries of the view's positions in one mode.</summary>
    public static IEnumerable<LiquidationIndexEntry> Of(AccountRiskView view, MarginMode mode)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Positions
            .Where(p => p.Mode == mode)
            .Select(p => new LiquidationIndexEntry(p.Market, p.Key, view.Summary.AccountKey, p.Mode, p.Size.Sign, p.Size, p.LiquidationPrice.Price));
    }

    /// <summary>Gives the book everything the view says: the cross positions together (clearing a stale flag), then each isolated one.</summary>
    public static void Feed(LiquidationBook book, AccountRiskView view)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(view);
        book.Refresh(view.Summary.AccountKey, Of(view, MarginMode.Cross));
        foreach (var entry in Of(view, MarginMode.Isolated))
        {
            book.PositionChanged(entry);
        }
    }
}
