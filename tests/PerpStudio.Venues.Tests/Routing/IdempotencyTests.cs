using PerpStudio.Testing;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Venues.Tests.Routing;

public sealed class IdempotencyTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Executing_the_same_plan_twice_makes_one_order_per_leg()
    {
        var a = SimVenue.Create("twice-a", _clock);
        var b = SimVenue.Create("twice-b", _clock);
        await a.AskAsync(100_000m, 0.5m);
        await b.AskAsync(100_010m, 5m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account);
        var (plan, first) = await rig.RouteAsync(RoutingRig.Market(Side.Buy, 1m));

        var second = await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);

        first.Legs.Count.ShouldBe(2);
        second.Legs.ShouldAllBe(l => l.Status == LegStatus.Accepted);
        second.Legs.ShouldAllBe(l => l.Attempts.Single().Outcome.StartsWith("already held", StringComparison.Ordinal));
        (await a.PositionAsync()).ShouldBe(Quantity.Of(0.5m));
        (await b.PositionAsync()).ShouldBe(Quantity.Of(0.5m));
        (await a.OrderCountAsync()).ShouldBe(1);
        (await b.OrderCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Planning_the_same_client_order_id_again_after_a_crash_resumes_the_recorded_legs()
    {
        var a = SimVenue.Create("crash-a", _clock);
        var b = SimVenue.Create("crash-b", _clock);
        await a.AskAsync(100_000m, 2m);
        await b.AskAsync(100_050m, 2m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account);
        var order = RoutingRig.Market(Side.Buy, 1m);
        var (plan, _) = await rig.RouteAsync(order);
        plan.Legs.ShouldHaveSingleItem().Venue.ShouldBe(a.Id);

        // the books turn: a fresh plan would now choose B; the process restarts with the same directory
        await b.AskAsync(99_000m, 2m);
        var restarted = rig.NewRouter();
        var replanned = await restarted.PlanAsync(rig.Request(order), CancellationToken.None);
        var report = await restarted.ExecuteAsync(replanned, rig.Deadline, CancellationToken.None);

        replanned.Resumed.ShouldBeTrue();
        replanned.Legs.Select(l => (l.LegId, l.Venue)).ShouldBe(plan.Legs.Select(l => (l.LegId, l.Venue)));
        report.Legs.Single().Status.ShouldBe(LegStatus.Accepted);
        (await a.PositionAsync()).ShouldBe(Quantity.Of(1m));
        (await b.PositionAsync()).ShouldBe(Quantity.Zero);
        (await a.OrderCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_re_execution_after_a_failover_continues_at_the_venue_the_leg_was_rerouted_to()
    {
        var a = SimVenue.Create("resume-a", _clock);
        var b = SimVenue.Create("resume-b", _clock);
        await a.AskAsync(100_000m, 2m);
        await b.AskAsync(100_050m, 2m);
        var rig = new RoutingRig(_clock, null, a.Account, b.Account);
        var plan = await rig.PlanAsync(RoutingRig.Market(Side.Buy, 1m));
        a.Exchange.Faults = new Simulated.SimulatedFaults(RejectPerMillion: 1_000_000);
        var first = await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);
        first.Legs.Single().Final.Venue.ShouldBe(b.Id);

        // A recovers; executing the stored plan again must not place the original leg there as well
        a.Exchange.Faults = Simulated.SimulatedFaults.None;
        var again = await rig.NewRouter().ExecuteAsync(plan, rig.Deadline, CancellationToken.None);

        again.Legs.Single().Final.Venue.ShouldBe(b.Id);
        again.Legs.Single().Attempts.ShouldHaveSingleItem().Venue.ShouldBe(b.Id);
        (await a.PositionAsync()).ShouldBe(Quantity.Zero);
        (await b.PositionAsync()).ShouldBe(Quantity.Of(1m));
    }
}
