using Polly.CircuitBreaker;
using Polly.Timeout;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Pricing;

namespace PerpStudio.Venues.Routing;

/// <summary>Sending a plan's legs: idempotent per leg id, failover before acceptance, timeouts resolved by lookup.</summary>
public sealed partial class OrderRouter
{
    /// <summary>
    /// Sends the plan's legs by <paramref name="deadline"/>. Every leg id is recorded in the directory before it is sent
    /// and is only ever sent to the venue recorded for it, so executing the same plan again (after a crash, or twice)
    /// finds the same orders instead of making new ones. A leg whose venue refuses or fails before accepting is
    /// re-priced and sent under a new leg id to the next eligible venue; a timeout is first resolved by looking the leg
    /// up at its venue, never by sending again.
    /// </summary>
    public async Task<ExecutionReport> ExecuteAsync(RoutePlan plan, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsRoutable)
        {
            return new ExecutionReport(plan, []);
        }

        var records = plan.Legs
            .Select(l => WithWireAlias(new RoutedLeg(l.LegId, plan.Owner, plan.Order.ClientOrderId, l.Ordinal, 0, l.Venue, plan.Order.Market, plan.Order.Side, l.Request.Size)))
            .ToList();
        var claims = await _directory.ClaimAsync(records, cancellationToken);
        var recorded = await _directory.LegsOfAsync(plan.Owner, plan.Order.ClientOrderId, cancellationToken);
        var remaining = deadline - _time.GetUtcNow();
        using var timeout = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var legs = await Task.WhenAll(claims.Select(claim =>
        {
            // resume a leg from its latest re-route: earlier attempts were settled as never accepted
            var latest = recorded.Where(r => r.Ordinal == claim.Leg.Ordinal).MaxBy(r => r.Attempt) ?? claim.Leg;
            var isNew = latest == claim.Leg && claim.IsNew;
            var earlier = recorded.Where(r => r.Ordinal == claim.Leg.Ordinal && r.Attempt < latest.Attempt).Select(r => r.Venue);
            return ExecuteLegAsync(plan, latest, isNew, earlier, linked.Token);
        }));
        return new ExecutionReport(plan, legs);
    }

    private async Task<LegExecution> ExecuteLegAsync(RoutePlan plan, RoutedLeg leg, bool isNew, IEnumerable<VenueId> earlier, CancellationToken token)
    {
        var attempts = new List<LegAttempt>();
        var tried = new HashSet<VenueId>(earlier);
        while (true)
        {
            var sent = await SendAsync(plan, leg, isNew, token);
            attempts.Add(new LegAttempt(leg.Attempt, leg.Venue, leg.LegId, sent.Detail));
            if (sent.Status != LegStatus.NeverReached)
            {
                return new LegExecution(leg.Ordinal, leg.Size, sent.Status, leg, sent.Order, attempts);
            }

            tried.Add(leg.Venue);
            if (token.IsCancellationRequested || leg.Attempt + 1 >= _options.MaxAttemptsPerLeg)
            {
                return new LegExecution(leg.Ordinal, leg.Size, LegStatus.NeverReached, leg, null, attempts);
            }

            var next = await RerouteAsync(plan, leg, tried, token);
            if (next.Claim is null)
            {
                attempts.Add(new LegAttempt(leg.Attempt + 1, default, default, next.Why));
                return new LegExecution(leg.Ordinal, leg.Size, LegStatus.NeverReached, leg, null, attempts);
            }

            (leg, isNew) = (next.Claim.Leg, next.Claim.IsNew);
        }
    }

    private async Task<(LegClaim? Claim, string Why)> RerouteAsync(RoutePlan plan, RoutedLeg failed, HashSet<VenueId> tried, CancellationToken token)
    {
        var left = plan.Policy.Venues.Where(v => !tried.Contains(v)).ToList();
        if (left.Count == 0)
        {
            return (null, "no other venue in the policy");
        }

        try
        {
            var order = plan.Order with { Size = failed.Size };
            var candidates = await GatherAsync(plan.Owner.OperatorId, order, left, fresh: true, token);
            var selection = BestExecution.Select(order, candidates, allowSplit: false);
            if (selection.Refusal is not null || selection.Legs.Count != 1 || selection.Legs[0].Size != failed.Size)
            {
                return (null, $"no other venue can take {failed.Size}: {selection.Refusal?.Message ?? selection.Decision}");
            }

            var attempt = failed.Attempt + 1;
            var legId = LegIds.Derive(plan.Owner, plan.Order.ClientOrderId, LegIds.IndexOf(failed.Ordinal, attempt));
            var record = WithWireAlias(failed with { LegId = legId, Attempt = attempt, Venue = selection.Legs[0].Venue });
            RoutingTelemetry.Decisions.Add(1, new("venue", record.Venue.Value), new("kind", "reroute"));
            return ((await _directory.ClaimAsync([record], token))[0], $"re-routed to {record.Venue}: {selection.Decision}");
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return (null, "the deadline passed while re-pricing");
        }
    }

    // the alias is recorded with the leg before it is sent, so a fill reported under it is attributable from the start
    private RoutedLeg WithWireAlias(RoutedLeg leg) =>
        leg with { WireAlias = _venues.Find(leg.Owner.OperatorId, leg.Venue)?.WireAlias(leg.LegId) };

    private async Task<SendResult> SendAsync(RoutePlan plan, RoutedLeg leg, bool isNew, CancellationToken token)
    {
        using var activity = RoutingTelemetry.Source.StartActivity("route.leg");
        activity?.SetTag("client_order_id", plan.Order.ClientOrderId.Value);
        activity?.SetTag("leg_id", leg.LegId.Value);
        activity?.SetTag("market", leg.Market.Symbol);
        activity?.SetTag("venue", leg.Venue.Value);
        activity?.SetTag("attempt", leg.Attempt);
        var result = await SendOnceAsync(plan, leg, isNew, token);
        activity?.SetTag("outcome", result.Status.ToString());
        return result;
    }

    private async Task<SendResult> SendOnceAsync(RoutePlan plan, RoutedLeg leg, bool isNew, CancellationToken token)
    {
        var venue = _venues.Find(plan.Owner.OperatorId, leg.Venue);
        if (venue is null)
        {
            return SendResult.NotReached($"operator {plan.Owner.OperatorId} has no account at {leg.Venue}");
        }

        if (token.IsCancellationRequested)
        {
            // a leg recorded by an earlier execution may have been sent then: only a fresh one is surely not at the venue
            return isNew
                ? SendResult.NotReached("the deadline passed before it was sent")
                : SendResult.Unknown("the deadline passed before an earlier send of this leg id could be checked");
        }

        var request = plan.Order with { ClientOrderId = leg.LegId, Size = leg.Size };
        try
        {
            var placed = await _circuits.For(leg.Venue).RunAsync("place", async t =>
            {
                var r = await venue.PlaceOrderAsync(request, t);
                return r.Error?.Code == VenueRejectCodes.VenueBusy ? throw new Health.VenueBusyException(r.Error.Message) : r;
            }, token);
            return placed.IsAccepted
                ? SendResult.Taken(placed.Order, placed.Duplicate ? "already held (duplicate)" : "accepted")
                : SendResult.NotReached($"refused: {placed.Error}");
        }
        catch (Health.VenueBusyException ex)
        {
            return SendResult.NotReached($"busy: {ex.Message}");
        }
        catch (BrokenCircuitException)
        {
            return SendResult.NotReached("circuit open");
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or VenueUnavailableException { OutcomeUnknown: true })
        {
            return await ResolveAsync(venue, leg, ex.Message, token);
        }
        catch (VenueUnavailableException ex)
        {
            return SendResult.NotReached($"unavailable: {ex.Message}");
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return SendResult.Unknown("the deadline passed while the venue was answering");
        }
    }

    /// <summary>After a timeout the venue may or may not hold the leg: ask it by leg id until it answers or the deadline passes.</summary>
    private async Task<SendResult> ResolveAsync(IVenue venue, RoutedLeg leg, string why, CancellationToken token)
    {
        var timeout = _circuits.Options.CallTimeout;
        while (true)
        {
            try
            {
                using var call = CancellationTokenSource.CreateLinkedTokenSource(token);
                call.CancelAfter(timeout);
                var found = await venue.GetOrderAsync(leg.LegId, call.Token);
                if (found.IsSuccess)
                {
                    return SendResult.Taken(found.Value, $"timed out ({why}); the venue holds it");
                }

                if (found.Error.Code == VenueRejectCodes.UnknownOrder)
                {
                    return SendResult.NotReached($"timed out ({why}); the venue has no order {leg.LegId}: never taken");
                }
            }
            catch (VenueUnavailableException)
            {
                // still unreachable: ask again after a pause
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // this lookup timed out: ask again
            }
            catch (OperationCanceledException)
            {
                return SendResult.Unknown($"timed out ({why}); the deadline passed before the venue confirmed whether it holds {leg.LegId}");
            }

            try
            {
                await Task.Delay(_options.ResolveRetryDelay, _time, token);
            }
            catch (OperationCanceledException)
            {
                return SendResult.Unknown($"timed out ({why}); the deadline passed before the venue confirmed whether it holds {leg.LegId}");
            }
        }
    }

    private sealed record SendResult(LegStatus Status, VenueOrder? Order, string Detail)
    {
        internal static SendResult Taken(VenueOrder order, string detail) =>
            new(order.Status == VenueOrderStatus.Rejected ? LegStatus.RejectedByVenue : LegStatus.Accepted, order,
                order.Status == VenueOrderStatus.Rejected ? $"{detail}; rejected by the venue: {order.Reject}" : $"{detail}; {order.Status}");

        internal static SendResult NotReached(string detail) => new(LegStatus.NeverReached, null, detail);

        internal static SendResult Unknown(string detail) => new(LegStatus.Unknown, null, detail);
    }
}
