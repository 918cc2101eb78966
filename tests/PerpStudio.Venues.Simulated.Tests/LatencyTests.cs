using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

public sealed class LatencyTests
{
    [Fact]
    public async Task A_call_completes_only_after_the_configured_latency_has_passed_on_the_venue_clock()
    {
        var (_, venue, clock) = Sim.Create(configure: o => o with { Latency = TimeSpan.FromMilliseconds(250) });

        var placing = venue.PlaceOrderAsync(Sim.Market(Side.Buy, 0.01m), CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(249));
        var earlyDone = placing.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await placing;

        earlyDone.ShouldBeFalse();
        result.Order!.Status.ShouldBe(VenueOrderStatus.Filled);
    }

    [Fact]
    public async Task A_venue_slower_than_the_degraded_threshold_reports_degraded_with_its_latency()
    {
        var (_, venue, clock) = Sim.Create(configure: o => o with { Latency = TimeSpan.FromSeconds(2) });

        var probing = venue.GetHealthAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        var health = await probing;

        health.Status.ShouldBe(VenueHealthStatus.Degraded);
        health.Latency.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_cancelled_call_stops_waiting_for_the_venue()
    {
        var (_, venue, clock) = Sim.Create(configure: o => o with { Latency = TimeSpan.FromSeconds(1) });
        using var cancel = new CancellationTokenSource();

        var placing = venue.PlaceOrderAsync(Sim.Market(Side.Buy, 0.01m), cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => placing);
        var reading = venue.GetAccountAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await reading).Positions.ShouldBeEmpty();
    }
}
