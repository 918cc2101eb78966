using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

public sealed class FaultInjectionTests
{
    private const int Always = 1_000_000;

    [Fact]
    public async Task Duplicated_fills_arrive_twice_with_the_same_fill_id()
    {
        var (exchange, venue, _) = Sim.Create();
        exchange.Faults = new SimulatedFaults(DuplicateFillPerMillion: Always);
        await using var feed = await venue.SubscribeEventsAsync(CancellationToken.None);

        var order = await venue.PlaceAsync(Sim.Market(Side.Buy, 0.08m)); // two ladder levels: two fills

        var delivered = feed.Drain().OfType<FillReceived>().Select(f => f.Fill).ToList();
        var history = await venue.GetFillsAsync(DateTimeOffset.MinValue, 100, CancellationToken.None);
        history.Count.ShouldBe(2);
        delivered.Count.ShouldBe(4);
        delivered.GroupBy(f => f.FillId).ShouldAllBe(g => g.Count() == 2 && g.Distinct().Count() == 1);
        delivered.Select(f => f.FillId.Value).Distinct().Order().ShouldBe(history.Select(f => f.FillId.Value).Order());
        (await venue.PositionAsync()).ShouldBe(order.FilledSize);
    }

    [Fact]
    public async Task Dropped_fills_are_missing_from_the_feed_and_recovered_from_history()
    {
        var (exchange, venue, _) = Sim.Create();
        exchange.Faults = new SimulatedFaults(DropFillPerMillion: Always);
        await using var feed = await venue.SubscribeEventsAsync(CancellationToken.None);

        var order = await venue.PlaceAsync(Sim.Market(Side.Buy, 0.08m));

        var events = feed.Drain();
        events.OfType<FillReceived>().ShouldBeEmpty();
        events.OfType<OrderUpdated>().Last().Order.Status.ShouldBe(VenueOrderStatus.Filled);
        var recovered = await venue.GetFillsAsync(DateTimeOffset.MinValue, 100, CancellationToken.None);
        recovered.Where(f => f.ClientOrderId == order.ClientOrderId).Aggregate(Quantity.Zero, (s, f) => s + f.Size).ShouldBe(order.FilledSize);
    }

    [Fact]
    public async Task A_timeout_after_the_venue_applied_the_order_is_made_good_by_retrying_the_same_client_order_id()
    {
        var (exchange, venue, _) = Sim.Create();
        exchange.Faults = new SimulatedFaults(TimeoutPerMillion: Always, TimeoutAppliedPerMillion: Always);
        var request = Sim.Market(Side.Buy, 0.02m);

        await Should.ThrowAsync<VenueTimeoutException>(() => venue.PlaceOrderAsync(request, CancellationToken.None));
        exchange.Faults = SimulatedFaults.None;
        var retry = await venue.PlaceOrderAsync(request, CancellationToken.None);

        retry.Duplicate.ShouldBeTrue();
        retry.Order!.Status.ShouldBe(VenueOrderStatus.Filled);
        (await venue.PositionAsync()).ShouldBe(Quantity.Of(0.02m));
    }

    [Fact]
    public async Task A_timeout_before_the_venue_applied_the_order_leaves_nothing_and_a_retry_places_it()
    {
        var (exchange, venue, _) = Sim.Create();
        exchange.Faults = new SimulatedFaults(TimeoutPerMillion: Always);
        var request = Sim.Market(Side.Buy, 0.02m);

        var timeout = await Should.ThrowAsync<VenueTimeoutException>(() => venue.PlaceOrderAsync(request, CancellationToken.None));
        exchange.Faults = SimulatedFaults.None;
        var lookup = await venue.GetOrderAsync(request.ClientOrderId, CancellationToken.None);
        var retry = await venue.PlaceOrderAsync(request, CancellationToken.None);

        timeout.OutcomeUnknown.ShouldBeTrue();
        lookup.Error!.Code.ShouldBe(VenueRejectCodes.UnknownOrder);
        retry.Duplicate.ShouldBeFalse();
        (await venue.PositionAsync()).ShouldBe(Quantity.Of(0.02m));
    }

    [Fact]
    public async Task A_busy_reject_records_nothing()
    {
        var (exchange, venue, _) = Sim.Create();
        exchange.Faults = new SimulatedFaults(RejectPerMillion: Always);
        var request = Sim.Market(Side.Buy, 0.02m);

        var result = await venue.PlaceOrderAsync(request, CancellationToken.None);

        result.Error!.Code.ShouldBe(VenueRejectCodes.VenueBusy);
        (await venue.GetOrderAsync(request.ClientOrderId, CancellationToken.None)).Error!.Code.ShouldBe(VenueRejectCodes.UnknownOrder);
        (await venue.GetHealthAsync(CancellationToken.None)).Status.ShouldBe(VenueHealthStatus.Degraded);
    }

    [Fact]
    public async Task An_unreachable_venue_throws_and_reports_down()
    {
        var (exchange, venue, _) = Sim.Create();
        exchange.Faults = new SimulatedFaults(Unreachable: true);

        var failure = await Should.ThrowAsync<VenueUnavailableException>(() => venue.PlaceOrderAsync(Sim.Market(Side.Buy, 0.02m), CancellationToken.None));
        var health = await venue.GetHealthAsync(CancellationToken.None);

        failure.OutcomeUnknown.ShouldBeFalse();
        health.Status.ShouldBe(VenueHealthStatus.Down);
        exchange.Faults = SimulatedFaults.None;
        (await venue.GetHealthAsync(CancellationToken.None)).Status.ShouldBe(VenueHealthStatus.Up);
    }

    [Fact]
    public async Task Faults_at_a_rate_fall_the_same_way_for_the_same_seed()
    {
        async Task<string> PatternAsync(int seed)
        {
            var (exchange, venue, _) = Sim.Create(seed, o => o with { Faults = new SimulatedFaults(TimeoutPerMillion: 200_000, RejectPerMillion: 200_000, DropFillPerMillion: 300_000, DuplicateFillPerMillion: 300_000) });
            await using var feed = await venue.SubscribeEventsAsync(CancellationToken.None);
            var pattern = new System.Text.StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    var result = await venue.PlaceOrderAsync(Sim.Market(i % 2 == 0 ? Side.Buy : Side.Sell, 0.01m) with { ClientOrderId = new($"p-{i}") }, CancellationToken.None);
                    pattern.Append(result.IsAccepted ? 'a' : 'r');
                }
                catch (VenueTimeoutException)
                {
                    pattern.Append('t');
                }

                pattern.Append(feed.Drain().OfType<FillReceived>().Count());
                exchange.Step();
            }

            return pattern.ToString();
        }

        var first = await PatternAsync(5);
        var second = await PatternAsync(5);

        second.ShouldBe(first);
        first.ShouldContain("t");
        first.ShouldContain("r");
        first.ShouldContain("a0");
        first.ShouldContain("a2");
    }
}
