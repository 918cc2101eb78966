using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// Every rounding the margin rules make, stated once. Exact results are formed in 128-bit integers and rounded only
/// when they become a <see cref="Money"/>, <see cref="Price"/> or <see cref="Rate"/>, always in the direction that
/// keeps the ledger whole:
/// <list type="bullet">
/// <item>Requirements round up: initial margin, maintenance margin, the transfer floor, fees owed, position value used
/// for the 10% floor (<see cref="Requirement"/>).</item>
/// <item>Credits to the trader round down, debits round up: profit and loss, realized or unrealized, and funding are
/// floored as signed amounts (a gain rounds toward zero, a loss away from zero, <see cref="Pnl"/>). Realized PnL keeps its
/// sub-unit remainder in the position (<see cref="Position.PnlCarry"/>) so the booked total is always the floor of the
/// exact total, never a unit more.</item>
/// <item>Fee splits: the venue's and builder's shares and the platform's share of the markup round down; the operator
/// takes the remainder, so the parts sum exactly to the fee charged.</item>
/// <item>Funding: the amount a trader receives rounds down and the amount a trader pays rounds up, so across a market
/// the platform never pays out more funding than it collects.</item>
/// <item>Liquidation price rounds toward the trader's harm: a long's up, a short's down, first to 1e-8 and then to the
/// tick (<see cref="LiquidationPriceFor"/>).</item>
/// <item>Average entry price is informational (half-even); no amount of money is derived from it: PnL comes from the
/// exact cost basis.</item>
/// <item>Order prices and sizes from clients must already be on tick and lot; they are refused, never rounded. Venues that
/// must round use <see cref="Markets.MarketRules.RoundPriceToTick"/> with an explicit direction.</item>
/// </list>
/// </summary>
public static class MarginRounding
{
    /// <summary>Initial and maintenance margin, transfer floor, fees owed: up.</summary>
    public const Rounding Requirement = Rounding.Ceiling;

    /// <summary>A signed profit, loss or funding amount to the trader: floor (gains down, losses up).</summary>
    public const Rounding Pnl = Rounding.Floor;

    /// <summary>A share of a fee paid out to a party other than the remainder party: down.</summary>
    public const Rounding Share = Rounding.Floor;

    /// <summary>Average entry price (display only): nearest, ties to even.</summary>
    public const Rounding EntryPrice = Rounding.HalfEven;

    /// <summary>The direction a liquidation price rounds for a position of the given sign: long up, short down.</summary>
    public static Rounding LiquidationPriceFor(int positionSign) => positionSign > 0 ? Rounding.Ceiling : Rounding.Floor;

    /// <summary>The direction a shocked or hypothetical mark rounds so that it hurts a position of the given sign: long down, short up.</summary>
    public static Rounding AdverseMarkFor(int positionSign) => positionSign > 0 ? Rounding.Floor : Rounding.Ceiling;
}
