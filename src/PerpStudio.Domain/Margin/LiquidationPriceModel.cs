using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Margin;

/// <summary>
/// What a liquidation price is solved from. Equity in scope at a price p is <c>EquityAtZero + Size x p</c>; the
/// maintenance in scope is this position's tiered maintenance at p plus <see cref="OtherMaintenance"/>, which stays
/// fixed (cross: the other positions at their marks; isolated: zero).
/// </summary>
/// <param name="Table">The position's market's margin table.</param>
/// <param name="TickSize">The market's tick, for the final rounding.</param>
/// <param name="Size">Signed size of the position.</param>
/// <param name="EquityAtZero">Equity in scope if this position's price were zero, in sub-units (see <see cref="Exact"/>):
/// isolated: margin - cost + carry; cross: account value with this position's value at price zero.</param>
/// <param name="OtherMaintenance">Maintenance of everything else in scope, held fixed.</param>
public readonly record struct LiquidationPriceParameters(MarginTable Table, Price TickSize, Quantity Size, Int128 EquityAtZero, Money OtherMaintenance);

/// <summary>
/// A solved liquidation price. <see cref="Price"/> is null when the position cannot be liquidated by its own price
/// (flat, or a long whose scope stays above maintenance even at zero); <see cref="AtAnyPrice"/> is true when the scope is
/// below maintenance whatever this position's price (a short, or anything whose other legs already sink it).
/// </summary>
/// <param name="Price">Rounded toward the trader's harm to the tick (long up, short down); never negative.</param>
/// <param name="Unrounded">The same solution rounded toward harm only to the price scale (1e-8): the published figure.</param>
/// <param name="Tier">The margin tier that applies at the liquidation price, or -1.</param>
/// <param name="AtAnyPrice">True when no price of this position keeps the scope above maintenance.</param>
public readonly record struct LiquidationPrice(Price? Price, Price? Unrounded, int Tier, bool AtAnyPrice)
{
    /// <summary>No liquidation price.</summary>
    public static readonly LiquidationPrice None = new(null, null, -1, false);
}

/// <summary>
/// Solves p_liq = p - side x M_avail / |s| / (1 - l x side) exactly, with tiers: equity minus maintenance is monotonic in
/// the position's price (rising for a long, falling for a short), so the tier that holds at the root is found by the
/// sign at each tier's lower bound, and the root is solved within that tier's linear segment in integers.
/// </summary>
public static class LiquidationPriceModel
{
    /// <summary>Solves the liquidation price. Allocation-free.</summary>
    public static LiquidationPrice Solve(LiquidationPriceParameters parameters)
    {
        var table = parameters.Table;
        var sign = parameters.Size.Sign;
        if (sign == 0 || table is null)
        {
            return LiquidationPrice.None;
        }

        var d = (Int128)table.Denominator;
        // everything below is in sub-units x D
        var fixedPart = d * (parameters.EquityAtZero - Exact.Of(parameters.OtherMaintenance));
        if (sign > 0 ? fixedPart >= 0 : fixedPart <= 0)
        {
            return sign > 0 ? LiquidationPrice.None : new LiquidationPrice(null, null, -1, true);
        }

        var tier = 0;
        for (var t = 1; t < table.TierCount; t++)
        {
            var bound = Exact.Of(table.LowerBound(t));
            var surplus = fixedPart + (sign * d * bound) - table.MaintenanceScaled(bound, t);
            if (sign > 0 ? surplus <= 0 : surplus >= 0)
            {
                tier = t;
            }
            else
            {
                break;
            }
        }

        var absSize = (Int128)Math.Abs(parameters.Size.Units);
        var rate = table.RateNumerator(tier);
        var deduction = table.DeductionScaled(tier) * Exact.SubUnitsPerMoney;
        Int128 numerator = sign > 0 ? -fixedPart - deduction : fixedPart + deduction;
        Int128 denominator = absSize * (sign > 0 ? d - rate : d + rate);
        var rounding = MarginRounding.LiquidationPriceFor(sign);
        var units = DivideRounded(numerator, denominator, rounding);
        if (units > long.MaxValue)
        {
            return LiquidationPrice.None; // beyond any representable price: effectively never
        }

        var unrounded = new Price((long)Int128.Max(units, 0));
        var tick = parameters.TickSize.Units > 0 ? parameters.TickSize.Units : 1;
        var onTick = units + tick > long.MaxValue
            ? unrounded
            : new Price(FixedPoint.RoundToStep(unrounded.Units, tick, rounding));
        return new LiquidationPrice(onTick, unrounded, tier, false);
    }

    private static Int128 DivideRounded(Int128 numerator, Int128 denominator, Rounding rounding)
    {
        if (denominator > 0 && denominator <= long.MaxValue)
        {
            return WideDivision.Divide(numerator, (long)denominator, rounding);
        }

        var (q, r) = Int128.DivRem(numerator, denominator);
        if (r != 0 && rounding == Rounding.Ceiling && (numerator > 0) == (denominator > 0))
        {
            q += 1;
        }
        else if (r != 0 && rounding == Rounding.Floor && (numerator > 0) != (denominator > 0))
        {
            q -= 1;
        }

        return q;
    }
}
