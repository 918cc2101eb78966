using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Liquidation;

/// <summary>Placing a cross account's entries and triggers (see the class remarks).</summary>
public sealed partial class LiquidationBook
{
    private void PlaceCross(string accountKey, CrossLegs legs)
    {
        ClearTriggers(accountKey, legs);
        var holder = new PositionHolder(accountKey, MarginMode.Cross);
        var count = legs.Legs.Count;
        if (count == 1 && !legs.Stale)
        {
            var (market, only) = legs.Legs.First();
            Place(market, holder, only.Size, LiquidationEntryPrice.For(only.Liquidation, only.Size, 1));
            return;
        }

        if (legs.Stale)
        {
            foreach (var (market, leg) in legs.Legs)
            {
                Place(market, holder, leg.Size, leg.Size.Sign > 0 ? LiquidationEntryPrice.AlwaysLong : LiquidationEntryPrice.AlwaysShort);
            }

            return;
        }

        // trigger per market: the first adverse mark (over the anchors the other legs hold of it) that breaks a bound
        var triggers = new Dictionary<MarketId, long>();
        foreach (var (market, leg) in legs.Legs)
        {
            Int128 loss = 0;
            var complete = true;
            foreach (var (other, otherLeg) in legs.Legs)
            {
                if (other == market)
                {
                    continue;
                }

                if (!leg.Anchors.TryGetValue(other, out var anchor))
                {
                    complete = false;
                    break;
                }

                var sign = otherLeg.Size.Sign;
                var adverse = Adverse(anchor, sign);
                loss += LossBound(otherLeg.Size, anchor, adverse);
                triggers[other] = triggers.TryGetValue(other, out var t)
                    ? (sign > 0 ? Math.Max(t, adverse.Units) : Math.Min(t, adverse.Units))
                    : adverse.Units;
            }

            long? entry = complete
                ? LiquidationEntryPrice.For(leg.Liquidation, leg.Size, count, LiquidationEntryPrice.Ceiling(2 * loss, Math.Abs(leg.Size.Units)))
                : (leg.Size.Sign > 0 ? LiquidationEntryPrice.AlwaysLong : LiquidationEntryPrice.AlwaysShort);
            Place(market, holder, leg.Size, entry);
        }

        foreach (var (market, price) in triggers)
        {
            IndexOf(market).Triggers.Place(accountKey, legs.Legs[market].Size.Sign, price);
            legs.TriggerMarkets.Add(market);
        }
    }

    /// <summary>
    /// What a position's equity minus maintenance can fall by as its mark moves from the anchor to the adverse mark, in
    /// sub-units: |size| x |move| x 3/2 (the maintenance rate is at most 1/2), plus one unit of rounding.
    /// </summary>
    private static Int128 LossBound(Quantity size, Price anchor, Price adverse)
    {
        var move = Math.Abs(anchor.Units - adverse.Units);
        return (((Int128)Math.Abs(size.Units) * move * 3) + 1) / 2 + 1;
    }

    private void Place(MarketId market, PositionHolder holder, Quantity size, long? price)
    {
        var index = IndexOf(market);
        if (price is { } p)
        {
            index.Entries.Place(holder, size.Sign, p);
        }
        else
        {
            index.Entries.Remove(holder);
        }
    }

    private void ClearTriggers(string accountKey, CrossLegs legs)
    {
        foreach (var market in legs.TriggerMarkets)
        {
            if (_markets.TryGetValue(market, out var index))
            {
                index.Triggers.Remove(accountKey);
            }
        }

        legs.TriggerMarkets.Clear();
    }

    /// <summary>The mark moved against a position of the sign by the band: a long's down (floored), a short's up (ceiled).</summary>
    private Price Adverse(Price mark, int sign)
    {
        var factor = sign > 0 ? Rate.Scale - _band.Units : Rate.Scale + _band.Units;
        var units = FixedPoint.MulDiv(mark.Units, factor, Rate.Scale, MarginRounding.AdverseMarkFor(sign));
        return new Price(Math.Max(1, units));
    }
}
