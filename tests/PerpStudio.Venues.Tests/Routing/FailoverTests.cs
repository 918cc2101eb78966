using PerpStudio.Testing;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Health;
using PerpStudio.Venues.Routing.Pricing;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Venues.Tests.Routing;

public sealed class FailoverTests
{
    private const int Always = 1_000_000;
    private readonly ManualTimeProvider _clock = new();

    private async Task<(SimVenue A, SimVenue B, RoutingRig Rig)> TwoVenuesAsync(string name, VenueCircuitOptions? circuit = null, BookCacheOptions? books = null)
    {
        var a = SimVenue.Create($"{name}-a", _clock);
        var b = SimVenue.Create($"{name}-b", _clock);
        await a.AskAsync(100_000m, 1m);
        await b.AskAsync(100_020m, 1m);
        return (a, b, new RoutingRig(_clock, circuit, books, a.Account, b.Account));
    }

    [Fact]
    public async Task A_busy_reject_reroutes_the_leg_to_the_next_venue_repriced()
    {
        var (a, b, rig) = await TwoVenuesAsync("busy");
        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(a.Id);
        a.Exchange.Faults = new SimulatedFaults(RejectPerMillion: Always);

        var report = await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);

        var leg = report.Legs.ShouldHaveSingleItem();
        leg.Status.ShouldBe(LegStatus.Accepted);
        leg.Final.Venue.ShouldBe(b.Id);
        leg.Final.Attempt.ShouldBe(1);
        leg.Attempts[0].Outcome.ShouldStartWith("busy");
        (await b.PositionAsync()).ShouldBe(Quantity.Of(0.5m));
        (await a.PositionAsync()).ShouldBe(Quantity.Zero);
        (await rig.Directory.FindAsync(leg.Final.LegId, CancellationToken.None))!.Venue.ShouldBe(b.Id);
    }

    [Fact]
    public async Task A_timeout_the_venue_never_applied_is_resolved_by_lookup_then_rerouted()
    {
        var (a, b, rig) = await TwoVenuesAsync("lost");
        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        a.Exchange.Faults = new SimulatedFaults(TimeoutPerMillion: Always, TimeoutAppliedPerMillion: 0);

        var report = await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);

        var leg = report.Legs.ShouldHaveSingleItem();
        leg.Attempts[0].Outcome.ShouldContain("never taken");
        leg.Final.Venue.ShouldBe(b.Id);
        (await a.HoldsAsync(plan.Legs[0].LegId)).ShouldBeFalse();
        (await b.PositionAsync()).ShouldBe(Quantity.Of(0.5m));
    }

    [Fact]
    public async Task A_timeout_the_venue_did_apply_is_found_by_lookup_and_never_sent_again()
    {
        var (a, b, rig) = await TwoVenuesAsync("applied");
        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        a.Exchange.Faults = new SimulatedFaults(TimeoutPerMillion: Always, TimeoutAppliedPerMillion: Always);

        var report = await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);

        var leg = report.Legs.ShouldHaveSingleItem();
        leg.Status.ShouldBe(LegStatus.Accepted);
        leg.Final.Venue.ShouldBe(a.Id);
        leg.Attempts.ShouldHaveSingleItem().Outcome.ShouldContain("the venue holds it");
        (await a.PositionAsync()).ShouldBe(Quantity.Of(0.5m));
        (await a.OrderCountAsync()).ShouldBe(1);
        (await b.PositionAsync()).ShouldBe(Quantity.Zero);
        (await b.Account.GetOpenOrdersAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task When_every_venue_fails_the_order_is_reported_as_never_reaching_a_venue()
    {
        var (a, b, rig) = await TwoVenuesAsync("allfail");
        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        a.Exchange.Faults = new SimulatedFaults(RejectPerMillion: Always);
        b.Exchange.Faults = new SimulatedFaults(Unreachable: true);

        var report = await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);

        report.NeverReachedAnyVenue.ShouldBeTrue();
        report.HasUnknownOutcome.ShouldBeFalse();
        report.UnreachedSize.ShouldBe(Quantity.Of(0.5m));
        var leg = report.Legs.ShouldHaveSingleItem();
        leg.Status.ShouldBe(LegStatus.NeverReached);
        leg.Attempts.Select(x => x.Venue).ShouldContain(a.Id);
        leg.Attempts.Last().Outcome.ShouldContain("no other venue can take");
        (await a.PositionAsync()).ShouldBe(Quantity.Zero);
        b.Exchange.Faults = SimulatedFaults.None;
        (await b.PositionAsync()).ShouldBe(Quantity.Zero);
    }

    [Fact]
    public async Task A_failing_venue_opens_its_circuit_and_is_probed_again_after_the_break_duration()
    {
        var circuit = new VenueCircuitOptions { MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(10) };
        var (a, b, rig) = await TwoVenuesAsync("breaker", circuit);
        a.Exchange.Faults = new SimulatedFaults(Unreachable: true);

        var first = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        var second = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        var third = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));

        first.Venues[0].Exclusion.ShouldBe(VenueExclusion.Unavailable);
        second.Venues[0].Exclusion.ShouldBe(VenueExclusion.Unavailable);
        third.Venues[0].Exclusion.ShouldBe(VenueExclusion.CircuitOpen);
        third.Legs.ShouldHaveSingleItem().Venue.ShouldBe(b.Id);
        rig.Circuits.StatusOf(a.Id).ShouldBe(CircuitStatus.Open);

        a.Exchange.Faults = SimulatedFaults.None;
        _clock.Advance(TimeSpan.FromSeconds(9));
        (await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m))).Venues[0].Exclusion.ShouldBe(VenueExclusion.CircuitOpen);
        _clock.Advance(TimeSpan.FromSeconds(1));
        rig.Circuits.StatusOf(a.Id).ShouldBe(CircuitStatus.ProbeDue);

        var probed = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));

        probed.Venues[0].Exclusion.ShouldBeNull();
        probed.Legs.ShouldHaveSingleItem().Venue.ShouldBe(a.Id);
        rig.Circuits.StatusOf(a.Id).ShouldBe(CircuitStatus.Closed);
    }

    [Fact]
    public async Task A_leg_whose_circuit_opened_after_planning_fails_over_without_calling_the_venue()
    {
        var circuit = new VenueCircuitOptions { MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(10) };
        // plans here are the venue's health probes: each must fetch its book, so the cache is off
        var (a, b, rig) = await TwoVenuesAsync("opened", circuit, new BookCacheOptions { Enabled = false });
        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        a.Exchange.Faults = new SimulatedFaults(Unreachable: true);
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.5m));
        rig.Circuits.StatusOf(a.Id).ShouldBe(CircuitStatus.Open);
        a.Exchange.Faults = SimulatedFaults.None;

        var report = await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);

        report.Legs.Single().Attempts[0].Outcome.ShouldBe("circuit open");
        report.Legs.Single().Final.Venue.ShouldBe(b.Id);
        (await a.HoldsAsync(plan.Legs[0].LegId)).ShouldBeFalse();
    }
}
