using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Venues.Contract;

/// <summary>One position of the platform's account at a venue.</summary>
/// <param name="Market">The market.</param>
/// <param name="Size">Signed size: positive long, negative short.</param>
/// <param name="EntryNotional">|size| x average entry price, rounded to the money unit (avoids an inexact average price).</param>
/// <param name="UnrealizedPnl">Profit or loss at the venue's mark price.</param>
public sealed record VenuePosition(MarketId Market, Quantity Size, Money EntryNotional, Money UnrealizedPnl);

/// <summary>The platform account's money at a venue.</summary>
/// <param name="Collateral">Deposits plus realized PnL and funding, minus fees: the cash balance.</param>
/// <param name="UnrealizedPnl">Sum of the positions' unrealized PnL at mark.</param>
public sealed record VenueBalance(Money Collateral, Money UnrealizedPnl)
{
    /// <summary>Collateral plus unrealized PnL.</summary>
    public Money AccountValue => Collateral + UnrealizedPnl;
}

/// <summary>Positions and balance of the platform's account at a venue, read at one moment.</summary>
/// <param name="Balance">The cash and value.</param>
/// <param name="Positions">Non-zero positions only.</param>
/// <param name="Time">When the venue produced it.</param>
public sealed record VenueAccountState(VenueBalance Balance, IReadOnlyList<VenuePosition> Positions, DateTimeOffset Time)
{
    /// <summary>The signed position in a market, zero when there is none.</summary>
    public Quantity PositionIn(MarketId market)
    {
        foreach (var p in Positions)
        {
            if (p.Market == market)
            {
                return p.Size;
            }
        }

        return Quantity.Zero;
    }
}
