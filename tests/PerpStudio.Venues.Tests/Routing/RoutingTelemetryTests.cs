using PerpStudio.Testing;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Health;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Venues.Tests.Routing;

public sealed class RoutingTelemetryTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Routing_reports_decisions_errors_breaker_opens_and_spans_per_leg()
    {
        var a = SimVenue.Create("tel-a", _clock);
        var b = SimVenue.Create("tel-b", _clock);
        await a.AskAsync(100_000m, 1m);
        await b.AskAsync(100_010m, 1m);
        // markets, book, place (busy), book, place (busy): the second refusal makes 2 of 5 calls fail
        var circuit = new VenueCircuitOptions { MinimumThroughput = 2, FailureRatio = 0.4, BreakDuration = TimeSpan.FromSeconds(10) };
        var rig = new RoutingRig(_clock, circuit, a.Account, b.Account);
        var measured = new List<(string Instrument, long Value, string? Venue)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RoutingTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? venue = null;
            foreach (var tag in tags)
            {
                venue = tag.Key == "venue" ? tag.Value as string : venue;
            }

            if (venue is not null && venue.StartsWith("tel-", StringComparison.Ordinal))
            {
                lock (measured)
                {
                    measured.Add((instrument.Name, value, venue));
                }
            }
        });
        meters.Start();
        var spans = new List<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RoutingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);

        var order = RoutingRig.Market(Side.Buy, 0.5m);
        var plan = await rig.PlanAsync(order);
        a.Exchange.Faults = new SimulatedFaults(RejectPerMillion: 1_000_000);
        await rig.Router.ExecuteAsync(plan, rig.Deadline, CancellationToken.None);
        await rig.Router.ExecuteAsync(await rig.PlanAsync(RoutingRig.Market(Side.Buy, 0.1m)), rig.Deadline, CancellationToken.None);

        lock (measured)
        {
            measured.ShouldContain((RoutingTelemetry.DecisionsInstrument, 1L, "tel-a"));
            measured.ShouldContain((RoutingTelemetry.DecisionsInstrument, 1L, "tel-b"));
            measured.Count(m => m.Instrument == RoutingTelemetry.ErrorsInstrument && m.Venue == "tel-a").ShouldBe(2);
            measured.ShouldContain((RoutingTelemetry.BreakerOpensInstrument, 1L, "tel-a"));
        }

        lock (spans)
        {
            var legs = spans.Where(s => s.OperationName == "route.leg" && (string?)s.GetTagItem("client_order_id") == order.ClientOrderId.Value).ToList();
            legs.Select(s => s.GetTagItem("venue")).ShouldBe(["tel-a", "tel-b"]);
            legs.ShouldAllBe(s => (string?)s.GetTagItem("market") == "BTC-USD");
            spans.ShouldContain(s => s.OperationName == "route.plan" && (string?)s.GetTagItem("client_order_id") == order.ClientOrderId.Value);
        }
    }
}
