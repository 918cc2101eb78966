using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Pricing;

/// <summary>
/// One venue's taker side of the book within the order's price bound, with each level's cost per unit including
/// the taker fee as an exact 128-bit key (lower is better for both sides), and the state of a greedy walk.
/// </summary>
internal sealed class Ladder
{
    internal Ladder(int preference, VenueCandidate candidate, OrderRequest order)
    {
        Preference = preference;
        Candidate = candidate;
        LotUnits = candidate.Spec!.LotSize.Units;
        var buy = order.Side == Side.Buy;
        var side = buy ? candidate.Book!.Asks : candidate.Book!.Bids;
        var limit = order.LimitPrice;
        var count = 0;
        while (count < side.Count && (limit is not { } bound || (buy ? side[count].Price <= bound : side[count].Price >= bound)))
        {
            count++;
        }

        Levels = new BookLevel[count];
        Keys = new Int128[count];
        var rate = candidate.Fees.Taker.Units;
        for (var i = 0; i < count; i++)
        {
            Levels[i] = side[i];

            // a buy pays price x (1 + taker), a sell receives price x (1 - taker): negate the sell's so lower is better
            Keys[i] = buy
                ? (Int128)side[i].Price.Units * (Rate.Scale + rate)
                : -((Int128)side[i].Price.Units * (Rate.Scale - rate));
        }
    }

    internal int Preference { get; }

    internal VenueCandidate Candidate { get; }

    internal long LotUnits { get; }

    internal BookLevel[] Levels { get; }

    internal Int128[] Keys { get; }

    /// <summary>True when some of the book lies within the price bound.</summary>
    internal bool Crosses => Levels.Length > 0;

    internal int Level { get; private set; }

    internal long TakenAtLevel { get; private set; }

    internal long SizeUnits { get; private set; }

    internal Int128 NotionalSubUnits { get; private set; }

    internal bool Blocked { get; set; }

    /// <summary>The greedy step at which the ladder first gave size; lower means its best level was cheaper.</summary>
    internal int FirstStep { get; private set; }

    internal bool HasLevel => !Blocked && Level < Levels.Length;

    internal Int128 CurrentKey => Keys[Level];

    internal long LevelLeft => Levels[Level].Size.Units - TakenAtLevel;

    internal void Reset()
    {
        Level = 0;
        TakenAtLevel = 0;
        SizeUnits = 0;
        NotionalSubUnits = 0;
        Blocked = false;
        FirstStep = int.MaxValue;
    }

    internal void SkipLevel()
    {
        Level++;
        TakenAtLevel = 0;
    }

    internal void Take(long units, int step)
    {
        var price = Levels[Level].Price.Units;
        SizeUnits += units;
        NotionalSubUnits += (Int128)units * price;
        FirstStep = Math.Min(FirstStep, step);
        TakenAtLevel += units;
        if (TakenAtLevel == Levels[Level].Size.Units)
        {
            SkipLevel();
        }
    }

    /// <summary>
    /// Walks the ladders together, always taking from the level with the lowest cost including fee (ties: preferred
    /// venue), each take a multiple of its venue's lot. Greedy by marginal cost is optimal here because fees are
    /// linear in notional. Returns the size taken.
    /// </summary>
    internal static long Walk(IReadOnlyList<Ladder> ladders, long sizeUnits)
    {
        foreach (var ladder in ladders)
        {
            ladder.Reset();
        }

        var remaining = sizeUnits;
        var step = 0;
        while (remaining > 0)
        {
            Ladder? best = null;
            foreach (var ladder in ladders)
            {
                if (ladder.HasLevel && (best is null || ladder.CurrentKey < best.CurrentKey
                    || (ladder.CurrentKey == best.CurrentKey && ladder.Preference < best.Preference)))
                {
                    best = ladder;
                }
            }

            if (best is null)
            {
                break;
            }

            var levelLeft = best.LevelLeft;
            var take = Math.Min(levelLeft, remaining);
            take -= take % best.LotUnits;
            if (take == 0)
            {
                // a level smaller than a lot is dust; otherwise what is left of the order is smaller than this venue's lot
                if (levelLeft < best.LotUnits)
                {
                    best.SkipLevel();
                }
                else
                {
                    best.Blocked = true;
                }

                continue;
            }

            best.Take(take, step++);
            remaining -= take;
        }

        return sizeUnits - remaining;
    }
}
