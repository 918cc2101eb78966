using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated;

/// <summary>An account at the simulated venue: cash, positions, orders by client id, fills history and event feeds.</summary>
internal sealed class VenueAccount(int index, string name, Money collateral, bool isMarketMaker)
{
    internal int Index { get; } = index;

    internal string Name { get; } = name;

    internal bool IsMarketMaker { get; } = isMarketMaker;

    internal Money Collateral { get; set; } = collateral;

    internal Dictionary<MarketId, Position> Positions { get; } = [];

    internal Dictionary<ClientOrderId, OrderRecord> Orders { get; } = [];

    internal Dictionary<VenueOrderId, OrderRecord> OrdersByVenueId { get; } = [];

    internal List<OrderRecord> LiveReduceOnly { get; } = [];

    /// <summary>Finished orders, oldest first: the ones forgotten when more than the venue keeps have finished.</summary>
    internal Queue<OrderRecord> Finished { get; } = new();

    internal List<VenueFill> Fills { get; } = [];

    internal List<FeedChannel<VenueEvent>> Feeds { get; } = [];

    internal Position PositionIn(MarketId market)
    {
        if (!Positions.TryGetValue(market, out var position))
        {
            position = new Position();
            Positions.Add(market, position);
        }

        return position;
    }

    internal long SizeIn(MarketId market) => Positions.TryGetValue(market, out var p) ? p.Size : 0;

    /// <summary>Records a finished order and forgets the oldest finished ones beyond <paramref name="kept"/>.</summary>
    internal void OrderFinished(OrderRecord record, int kept)
    {
        Finished.Enqueue(record);
        while (Finished.Count > kept && Finished.TryDequeue(out var oldest))
        {
            Orders.Remove(oldest.Request.ClientOrderId);
            OrdersByVenueId.Remove(oldest.VenueOrderId);
        }
    }
}

/// <summary>
/// A position kept exactly: signed size in quantity units and its cost in price units x quantity units (128 bits),
/// so that no average price is ever rounded; money is rounded only when realized.
/// </summary>
internal sealed class Position
{
    internal long Size { get; private set; }

    internal Int128 Cost { get; private set; }

    /// <summary>Applies a signed fill and returns the realized PnL, rounded down (against the account).</summary>
    internal Money Apply(long signedQuantity, long priceUnits)
    {
        var realized = Money.Zero;
        if (Size == 0 || Math.Sign(Size) == Math.Sign(signedQuantity))
        {
            Size += signedQuantity;
            Cost += (Int128)Math.Abs(signedQuantity) * priceUnits;
            return realized;
        }

        var closed = Math.Min(Math.Abs(signedQuantity), Math.Abs(Size));
        var released = DivideHalfEven(Cost * closed, Math.Abs(Size));
        var exitValue = (Int128)closed * priceUnits;
        var pnlUnits = Size > 0 ? exitValue - released : released - exitValue;
        realized = new Money(FixedPoint.Divide(pnlUnits, FixedPoint.NotionalDivisor, Rounding.Floor));
        Cost -= released;
        Size += Math.Sign(signedQuantity) * closed;
        var opened = Math.Abs(signedQuantity) - closed;
        if (Size == 0)
        {
            Cost = 0;
        }

        if (opened > 0)
        {
            Size = Math.Sign(signedQuantity) * opened;
            Cost = (Int128)opened * priceUnits;
        }

        return realized;
    }

    /// <summary>Unrealized PnL at <paramref name="mark"/>, rounded down.</summary>
    internal Money Unrealized(Price mark)
    {
        var value = (Int128)Size * mark.Units;
        var pnl = Size >= 0 ? value - Cost : value + Cost;
        return new Money(FixedPoint.Divide(pnl, FixedPoint.NotionalDivisor, Rounding.Floor));
    }

    // Cost is in price units x quantity units and exceeds 64 bits for ordinary positions, so it is divided in 128 bits.
    private static Int128 DivideHalfEven(Int128 numerator, Int128 divisor)
    {
        var (quotient, remainder) = Int128.DivRem(numerator, divisor);
        var twice = remainder * 2;
        return twice > divisor || (twice == divisor && !Int128.IsEvenInteger(quotient)) ? quotient + 1 : quotient;
    }

    internal Money EntryNotional => new(FixedPoint.Divide(Cost, FixedPoint.NotionalDivisor, Rounding.HalfEven));
}
