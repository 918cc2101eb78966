using PerpStudio.Testing;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Venues.Tests.Routing.Reconciliation;

public sealed class ReconcilerTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryFillBook _book = new();

    [Fact]
    public async Task A_fill_the_sink_never_got_is_found_with_the_fill_that_explains_it_and_recovery_fixes_it()
    {
        var venue = SimVenue.Create("recon", _clock);
        await venue.AskAsync(100_000m, 0.2m);
        await venue.AskAsync(100_010m, 0.3m);
        var rig = new RoutingRig(_clock, null, venue.Account);
        using var reconciler = new Reconciler(RoutingRig.Trader.OperatorId, [venue.Account], _book, rig.Directory, _book, timeProvider: _clock);

        // no feed runs: the venue fills, the platform hears nothing
        var (plan, _) = await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.5m));
        var report = await reconciler.CheckAsync(CancellationToken.None);

        var difference = report.Differences.ShouldHaveSingleItem();
        difference.Market.ShouldBe(SimVenue.Btc);
        difference.VenuePosition.ShouldBe(Quantity.Of(0.5m));
        difference.AllocatedPosition.ShouldBe(Quantity.Zero);
        difference.UnappliedVenueFills.Select(f => f.Size).ShouldBe([Quantity.Of(0.2m), Quantity.Of(0.3m)]);
        difference.UnappliedVenueFills.ShouldAllBe(f => f.ClientOrderId == plan.Legs[0].LegId);
        difference.UnknownToVenue.ShouldBeEmpty();
        difference.Explained.ShouldBeTrue();

        var recovery = await reconciler.RecoverAsync(report, CancellationToken.None);
        var after = await reconciler.CheckAsync(CancellationToken.None);

        recovery.Applied.ShouldBe(2);
        recovery.Unattributed.ShouldBeEmpty();
        after.IsClean.ShouldBeTrue();
        _book.PositionOf(RoutingRig.Trader, venue.Id, SimVenue.Btc).ShouldBe(Quantity.Of(0.5m));

        // recovering the same report again changes nothing
        (await reconciler.RecoverAsync(report, CancellationToken.None)).AlreadyApplied.ShouldBe(2);
        _book.AppliedCount.ShouldBe(2);
    }

    [Fact]
    public async Task The_scheduled_check_runs_on_the_clock_and_can_recover_by_itself()
    {
        var venue = SimVenue.Create("recon-timer", _clock);
        await venue.AskAsync(100_000m, 0.2m);
        var rig = new RoutingRig(_clock, null, venue.Account);
        var options = new ReconcilerOptions { Interval = TimeSpan.FromMinutes(1), RecoverOnSchedule = true };
        using var reconciler = new Reconciler(RoutingRig.Trader.OperatorId, [venue.Account], _book, rig.Directory, _book, options, _clock);
        await rig.RouteAsync(RoutingRig.Market(Side.Buy, 0.2m));
        var checkedOnce = new TaskCompletionSource<ReconciliationReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        reconciler.Checked += (_, report) => checkedOnce.TrySetResult(report);
        reconciler.Start();

        _clock.Advance(TimeSpan.FromMinutes(1));
        var scheduled = await checkedOnce.Task.WaitAsync(TimeSpan.FromSeconds(20));

        scheduled.Differences.ShouldHaveSingleItem().Difference.ShouldBe(Quantity.Of(0.2m));
        _book.AppliedCount.ShouldBe(1);
        (await reconciler.CheckAsync(CancellationToken.None)).IsClean.ShouldBeTrue();
    }
}
