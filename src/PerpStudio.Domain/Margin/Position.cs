using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// A position's exact book: signed size, cost basis and the realized-PnL remainder. The cost basis is the sum of
/// signed size x price of the open lots in sub-units (see <see cref="Exact"/>), so the average entry is
/// <c>Cost / Size</c> without any stored rounding, and a round trip realizes exactly what was traded.
/// </summary>
/// <param name="Size">Signed size: long positive, short negative.</param>
/// <param name="Cost">Signed cost basis in sub-units (same sign as the size; zero when flat).</param>
/// <param name="PnlCarry">Realized PnL not yet booked because it is below one money unit, in sub-units, 0 &lt;= carry &lt; 1e10.</param>
public readonly record struct Position(Quantity Size, Int128 Cost, long PnlCarry)
{
    /// <summary>No position.</summary>
    public static readonly Position Flat = new(Quantity.Zero, 0, 0);

    /// <summary>True when the size is zero.</summary>
    public bool IsFlat => Size.IsZero;

    /// <summary>+1 long, -1 short, 0 flat.</summary>
    public int Sign => Size.Sign;

    /// <summary>A fresh position opened by one fill.</summary>
    public static Position Open(Side side, Quantity size, Price price)
    {
        var signed = side.Signed(size);
        return new Position(signed, Exact.Value(signed, price), 0);
    }

    /// <summary>Average entry price, rounded half-even (informational: money is derived from <see cref="Cost"/>), or zero when flat.</summary>
    public Price EntryPrice => Size.IsZero ? Price.Zero : new(FixedPoint.Divide(Cost, Size.Units, MarginRounding.EntryPrice));

    /// <summary>Exact unrealized PnL at a mark, in sub-units, including the unbooked carry.</summary>
    public Int128 UnrealizedExact(Price mark) => Exact.Value(Size, mark) - Cost + PnlCarry;

    /// <summary>Unrealized PnL at a mark, floored (gains down, losses up).</summary>
    public Money UnrealizedPnl(Price mark) => Exact.ToMoney(UnrealizedExact(mark), MarginRounding.Pnl);

    /// <summary>|size| x mark, rounded up (a requirement base).</summary>
    public Money PositionValue(Price mark) => Exact.ToMoney(Exact.Notional(Size, mark), MarginRounding.Requirement);

    /// <summary>
    /// Applies a fill. Increases add size x price to the cost. Reductions remove the closed share of the cost
    /// (rounded up, against the trader, by at most one sub-unit) and realize the difference; a fill larger than the
    /// position closes it fully and opens the rest on the other side at the fill price. Realized PnL is booked floored
    /// and the remainder carried, so the booked sum over any sequence is the floor of the exact sum.
    /// </summary>
    public PositionFill Apply(Side side, Quantity size, Price price)
    {
        var signedFill = side.Signed(size);
        if (Size.IsZero || Math.Sign(signedFill.Units) == Size.Sign)
        {
            var grown = new Position(Size + signedFill, Cost + Exact.Value(signedFill, price), PnlCarry);
            return new PositionFill(grown, Money.Zero, Quantity.Zero, signedFill.Abs());
        }

        var closing = Quantity.Min(signedFill.Abs(), Size.Abs());
        var closedSigned = Size.Sign > 0 ? closing : -closing; // the part of the position that goes away
        Int128 removedCost = closing == Size.Abs()
            ? Cost
            : DivideCeiling(Cost * closing.Units, Size.Abs().Units);
        var realizedExact = Exact.Value(closedSigned, price) - removedCost + PnlCarry;
        var booked = FixedPoint.Divide(realizedExact, Exact.SubUnitsPerMoney, MarginRounding.Pnl);
        var carry = (long)(realizedExact - ((Int128)booked * Exact.SubUnitsPerMoney));

        var remainingSize = Size - closedSigned;
        var remainingCost = Cost - removedCost;
        var opened = signedFill.Abs() - closing;
        if (opened.IsPositive)
        {
            var openedSigned = side.Signed(opened);
            remainingSize = openedSigned;
            remainingCost = Exact.Value(openedSigned, price);
        }

        return new PositionFill(new Position(remainingSize, remainingCost, carry), new Money(booked), closing, opened);
    }

    private static Int128 DivideCeiling(Int128 numerator, long divisor)
    {
        var (q, r) = Int128.DivRem(numerator, divisor);
        return r > 0 ? q + 1 : q;
    }
}

/// <summary>What one fill did to a position.</summary>
/// <param name="After">The position after the fill.</param>
/// <param name="RealizedPnl">PnL booked by the closed part (floored; see <see cref="Position.PnlCarry"/>).</param>
/// <param name="Closed">How much of the old position was closed.</param>
/// <param name="Opened">How much was added (to the old side, or the new side after a flip).</param>
public readonly record struct PositionFill(Position After, Money RealizedPnl, Quantity Closed, Quantity Opened);
