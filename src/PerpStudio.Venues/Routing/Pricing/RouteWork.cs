using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Pricing;

/// <summary>The working state of one <see cref="BestExecution.Select"/>: the usable ladders, exclusions so far, and the result's assembly.</summary>
internal sealed class RouteWork
{
    private readonly OrderRequest _order;
    private readonly IReadOnlyList<VenueCandidate> _candidates;
    private readonly List<Ladder> _usable = [];
    private readonly (VenueExclusion Reason, string Detail)?[] _excluded;
    private readonly (long Filled, Int128 Notional)[] _alone;

    internal RouteWork(OrderRequest order, IReadOnlyList<VenueCandidate> candidates)
    {
        _order = order;
        _candidates = candidates;
        _excluded = new (VenueExclusion, string)?[candidates.Count];
        _alone = new (long, Int128)[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if (c.Exclusion is { } reason)
            {
                _excluded[i] = (reason, c.Detail);
            }
            else if (c.Spec is null || c.Book is null)
            {
                _excluded[i] = (VenueExclusion.Unavailable, "no market spec or book");
            }
            else
            {
                _usable.Add(new Ladder(i, c, order));
            }
        }

        foreach (var ladder in _usable)
        {
            Ladder.Walk([ladder], order.Size.Units);
            _alone[ladder.Preference] = (ladder.SizeUnits, ladder.NotionalSubUnits);
        }
    }

    internal bool AnyCrosses => _usable.Any(l => l.Crosses);

    private Side Side => _order.Side;

    internal RouteSelection Refuse(RouteKind kind, DomainError error) => Build(kind, [], error, error.Message);

    /// <summary>Resting and trigger orders: one venue, by the lowest maker (resting) or taker (trigger) rate, ties to preference.</summary>
    internal RouteSelection RouteSingle(RouteKind kind)
    {
        var size = _order.Size.Units;
        var postOnly = _order.TimeInForce == TimeInForce.PostOnly;
        var ordered = _usable
            .OrderBy(l => kind == RouteKind.Trigger ? l.Candidate.Fees.Taker : l.Candidate.Fees.Maker)
            .ThenBy(l => l.Preference)
            .ToList();
        Ladder? chosen = null;
        foreach (var l in ordered)
        {
            if (kind == RouteKind.Resting && postOnly && l.Crosses)
            {
                Exclude(l, VenueExclusion.WouldCross, $"post-only {Side} at {_order.LimitPrice} would cross its best {(Side == Side.Buy ? "ask" : "bid")} {l.Levels[0].Price}");
                continue;
            }

            if (size % l.LotUnits != 0)
            {
                Exclude(l, VenueExclusion.OffLot, $"size {_order.Size} is not a multiple of its lot {l.Candidate.Spec!.LotSize}");
                continue;
            }

            var reference = _order.LimitPrice ?? _order.TriggerPrice;
            if (!_order.ReduceOnly && reference is { } price && Notional.Of(_order.Size, price, Rounding.Floor) < l.Candidate.Spec!.MinNotional)
            {
                Exclude(l, VenueExclusion.BelowMinNotional, $"{_order.Size} at {price} is below its minimum notional {l.Candidate.Spec.MinNotional}");
                continue;
            }

            chosen = l;
            break;
        }

        if (chosen is null)
        {
            var allCross = postOnly && _usable.Count > 0 && _usable.All(l => l.Crosses);
            return Refuse(kind, allCross
                ? new DomainError(ErrorKind.FailedPrecondition, "post_only_would_cross", "limit_price", $"post-only {Side} at {_order.LimitPrice} would cross the book at every eligible venue")
                : NoVenue());
        }

        var rateName = kind == RouteKind.Trigger ? "taker" : "maker";
        var chosenRate = kind == RouteKind.Trigger ? chosen.Candidate.Fees.Taker : chosen.Candidate.Fees.Maker;
        foreach (var l in ordered)
        {
            if (l != chosen && _excluded[l.Preference] is null)
            {
                var rate = kind == RouteKind.Trigger ? l.Candidate.Fees.Taker : l.Candidate.Fees.Maker;
                Exclude(l, VenueExclusion.NotChosen, rate == chosenRate
                    ? $"same {rateName} rate {rate} as {chosen.Candidate.Venue}, which the operator prefers"
                    : $"{rateName} rate {rate} above {chosen.Candidate.Venue}'s {chosenRate}");
            }
        }

        var leg = new Leg(chosen, 0, size);
        var decision = kind == RouteKind.Trigger
            ? $"trigger order held by {chosen.Candidate.Venue}: lowest taker rate {chosenRate} among eligible venues (ties go to the preferred venue)"
            : $"rests at {chosen.Candidate.Venue}: lowest maker rate {chosenRate} among eligible venues (ties go to the preferred venue)";
        return Build(kind, [leg], null, decision);
    }

    /// <summary>Taker orders: the greedy walk, remainder placement and the minimum-notional merge.</summary>
    internal RouteSelection RouteTaker(bool allowSplit)
    {
        var gtc = _order.Type == OrderType.Limit && _order.TimeInForce == TimeInForce.Gtc;
        var size = _order.Size.Units;
        var active = _usable.Where(l => l.Crosses).ToList();
        var dropped = new HashSet<Ladder>();
        while (true)
        {
            var legs = Allocate(active, allowSplit);
            var remainder = size - legs.Sum(l => l.SizeUnits);
            if (legs.Count == 0 && !gtc)
            {
                return Refuse(RouteKind.Taker, dropped.Count > 0 ? BelowMinNotional() : NoLiquidity());
            }

            Leg? rest = null;
            if (remainder > 0)
            {
                rest = gtc ? RestTarget(legs, remainder, allowSplit, dropped) : RemainderTarget(legs, remainder, allowSplit, dropped);
                if (rest is null)
                {
                    return Refuse(RouteKind.Taker, new DomainError(ErrorKind.InvalidArgument, VenueRejectCodes.SizeOffLot, "size",
                        $"no eligible venue's lot holds the {new Quantity(remainder)} left of {_order.Size}"));
                }

                if (!legs.Contains(rest))
                {
                    legs.Add(rest);
                }

                rest.SizeUnits += remainder;
            }

            var below = legs
                .Where(l => !_order.ReduceOnly && LegNotional(l) < l.Ladder.Candidate.Spec!.MinNotional)
                .OrderBy(LegNotional)
                .FirstOrDefault();
            if (below is null)
            {
                var kind = gtc && rest is not null ? RouteKind.TakerThenResting : RouteKind.Taker;
                return Build(kind, legs, null, Explain(legs, rest is null ? 0 : remainder, rest, gtc));
            }

            Exclude(below.Ladder, VenueExclusion.BelowMinNotional,
                $"its part {new Quantity(below.SizeUnits)} (worth {LegNotional(below)}) is below its minimum notional {below.Ladder.Candidate.Spec!.MinNotional}; merged into the other venues");
            dropped.Add(below.Ladder);
            active.Remove(below.Ladder);
        }
    }

    private List<Leg> Allocate(List<Ladder> active, bool allowSplit)
    {
        var size = _order.Size.Units;
        if (allowSplit)
        {
            Ladder.Walk(active, size);
            return active.Where(l => l.SizeUnits > 0).Select(l => new Leg(l, l.SizeUnits, l.SizeUnits)).ToList();
        }

        Ladder? best = null;
        var bestFilled = 0L;
        var bestTotal = Money.Zero;
        foreach (var ladder in active)
        {
            var filled = Ladder.Walk([ladder], size);
            var total = BestExecution.Cost(ladder.NotionalSubUnits, ladder.Candidate.Fees.Taker, Side).Total;
            if (filled > 0 && (best is null || filled > bestFilled || (filled == bestFilled && BestExecution.Cheaper(total, bestTotal, Side))))
            {
                (best, bestFilled, bestTotal) = (ladder, filled, total);
            }
        }

        if (best is null)
        {
            return [];
        }

        Ladder.Walk([best], size);
        return [new Leg(best, best.SizeUnits, best.SizeUnits)];
    }

    // unfilled size of a taker order goes to the leg whose fills were cheapest first, if its lot holds it
    private Leg? RemainderTarget(List<Leg> legs, long remainder, bool allowSplit, HashSet<Ladder> dropped)
    {
        foreach (var leg in legs.OrderBy(l => l.Ladder.FirstStep))
        {
            if ((leg.SizeUnits + remainder) % leg.Ladder.LotUnits == 0)
            {
                return leg;
            }
        }

        if (!allowSplit && legs.Count > 0)
        {
            return null;
        }

        var ladder = _usable.Where(l => !dropped.Contains(l) && legs.All(x => x.Ladder != l)).FirstOrDefault(l => remainder % l.LotUnits == 0);
        return ladder is null ? null : new Leg(ladder, 0, 0);
    }

    // the resting part of a GTC goes to the venue with the lowest maker rate whose lot holds it
    private Leg? RestTarget(List<Leg> legs, long remainder, bool allowSplit, HashSet<Ladder> dropped)
    {
        var choices = allowSplit || legs.Count == 0
            ? _usable.Where(l => !dropped.Contains(l)).OrderBy(l => l.Candidate.Fees.Maker).ThenBy(l => l.Preference)
            : legs.Select(l => l.Ladder);
        foreach (var ladder in choices)
        {
            var existing = legs.FirstOrDefault(l => l.Ladder == ladder);
            if (((existing?.SizeUnits ?? 0) + remainder) % ladder.LotUnits == 0)
            {
                return existing ?? new Leg(ladder, 0, 0);
            }
        }

        return null;
    }

    private Money LegNotional(Leg leg)
    {
        var reference = _order.LimitPrice
            ?? BestExecution.Average(leg.NotionalSubUnits, leg.FilledUnits)
            ?? (leg.Ladder.Crosses ? leg.Ladder.Levels[0].Price : Price.Zero);
        return Notional.Of(new Quantity(leg.SizeUnits), reference, Rounding.Floor);
    }

    private string Explain(List<Leg> legs, long remainder, Leg? rest, bool gtc)
    {
        var taking = legs.Where(l => l.FilledUnits > 0).ToList();
        var estimate = Estimate(legs);
        var text = string.Join(", ", taking.Select(l => $"{l.Ladder.Candidate.Venue} {new Quantity(l.FilledUnits)}"));
        var best = BestAlone();
        var because = best is null ? string.Empty
            : $"; best single venue {_candidates[best.Value].Venue} {new Quantity(_alone[best.Value].Filled)} for {BestExecution.Cost(_alone[best.Value].Notional, _candidates[best.Value].Fees.Taker, Side).Total}";
        var head = taking.Count > 1
            ? $"split across {text}: {estimate.Filled} for {estimate.Total} including fees{because}"
            : $"takes at {text}: {estimate.Filled} for {estimate.Total} including fees{because}";
        if (remainder > 0 && rest is not null)
        {
            head += gtc
                ? $"; remaining {new Quantity(remainder)} rests at {rest.Ladder.Candidate.Venue} (lowest maker rate {rest.Ladder.Candidate.Fees.Maker})"
                : $"; {new Quantity(remainder)} beyond the books' depth within the bound also goes to {rest.Ladder.Candidate.Venue}";
        }

        return head;
    }

    private int? BestAlone()
    {
        int? best = null;
        foreach (var l in _usable)
        {
            var i = l.Preference;
            if (_alone[i].Filled == 0)
            {
                continue;
            }

            if (best is not { } b || _alone[i].Filled > _alone[b].Filled
                || (_alone[i].Filled == _alone[b].Filled && BestExecution.Cheaper(
                    BestExecution.Cost(_alone[i].Notional, _candidates[i].Fees.Taker, Side).Total,
                    BestExecution.Cost(_alone[b].Notional, _candidates[b].Fees.Taker, Side).Total, Side)))
            {
                best = i;
            }
        }

        return best;
    }

    private void Exclude(Ladder ladder, VenueExclusion reason, string detail) => _excluded[ladder.Preference] = (reason, detail);

    private RouteEstimate Estimate(IReadOnlyList<Leg> legs)
    {
        long filled = 0;
        Int128 notionalSub = 0;
        var notional = Money.Zero;
        var fee = Money.Zero;
        var total = Money.Zero;
        foreach (var leg in legs)
        {
            var cost = BestExecution.Cost(leg.NotionalSubUnits, leg.Ladder.Candidate.Fees.Taker, Side);
            filled += leg.FilledUnits;
            notionalSub += leg.NotionalSubUnits;
            notional += cost.Notional;
            fee += cost.Fee;
            total += cost.Total;
        }

        return filled == 0 ? RouteEstimate.None : new RouteEstimate(new Quantity(filled), BestExecution.Average(notionalSub, filled), notional, fee, total);
    }

    private RouteSelection Build(RouteKind kind, IReadOnlyList<Leg> legs, DomainError? refusal, string decision)
    {
        var pricing = new List<VenuePricing>(_candidates.Count);
        for (var i = 0; i < _candidates.Count; i++)
        {
            var c = _candidates[i];
            var leg = legs.FirstOrDefault(l => l.Ladder.Preference == i);
            var (filled, notionalSub) = _alone[i];
            var cost = BestExecution.Cost(notionalSub, c.Fees.Taker, Side);
            var (reason, detail) = leg is not null ? ((VenueExclusion?)null, "chosen")
                : _excluded[i] is { } e ? (e.Reason, e.Detail)
                : filled == 0 ? (VenueExclusion.NoLiquidity, $"nothing on its book within {(_order.LimitPrice?.ToString() ?? "any price")}")
                : (VenueExclusion.NotChosen, "its levels cost more, fee included, than those chosen");
            pricing.Add(new VenuePricing(
                c.Venue, i, reason, detail,
                new Quantity(filled), BestExecution.Average(notionalSub, filled), cost.Notional, cost.Fee, cost.Total,
                c.Fees.Taker, c.Fees.Maker, new Quantity(leg?.SizeUnits ?? 0)));
        }

        var allocations = legs
            .OrderBy(l => l.Ladder.Preference)
            .Select(l =>
            {
                var cost = BestExecution.Cost(l.NotionalSubUnits, l.Ladder.Candidate.Fees.Taker, Side);
                return new LegAllocation(l.Ladder.Candidate.Venue, new Quantity(l.SizeUnits), new Quantity(l.FilledUnits),
                    BestExecution.Average(l.NotionalSubUnits, l.FilledUnits), cost.Notional, cost.Fee);
            })
            .ToList();
        return new RouteSelection(kind, pricing, allocations, Estimate(legs), decision, refusal);
    }

    private DomainError NoVenue()
    {
        var reasons = string.Join("; ", _candidates.Select((c, i) => $"{c.Venue}: {(_excluded[i] is { } e ? $"{e.Reason} ({e.Detail})" : "not usable")}"));
        return new DomainError(ErrorKind.FailedPrecondition, "no_eligible_venue", "market", $"no venue can take the order: {reasons}");
    }

    private DomainError NoLiquidity() =>
        _usable.Count == 0
            ? NoVenue()
            : new DomainError(ErrorKind.FailedPrecondition, "no_liquidity", "size",
                $"no eligible venue has liquidity for {Side} {_order.Market} within {(_order.LimitPrice?.ToString() ?? "any price")}");

    private DomainError BelowMinNotional() =>
        new(ErrorKind.InvalidArgument, "below_min_notional", "size", $"{_order.Size} is below the minimum notional of every venue that could fill it");

    /// <summary>One venue's part while it is being assembled.</summary>
    private sealed class Leg(Ladder ladder, long filledUnits, long sizeUnits)
    {
        internal Ladder Ladder { get; } = ladder;

        internal long FilledUnits { get; } = filledUnits;

        internal Int128 NotionalSubUnits { get; } = filledUnits == 0 ? 0 : ladder.NotionalSubUnits;

        internal long SizeUnits { get; set; } = sizeUnits;
    }
}
