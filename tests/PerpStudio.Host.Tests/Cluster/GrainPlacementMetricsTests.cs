using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Host.Cluster;
using PerpStudio.Host.Observability;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Placement;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>A grain with nothing to it, activated to be counted.</summary>
public interface IPlacementProbeGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain.</summary>
    Task<int> TouchAsync();
}

/// <summary>Implements <see cref="IPlacementProbeGrain"/>.</summary>
[GrainType("placementprobe")]
public sealed class PlacementProbeGrain : Grain, IPlacementProbeGrain
{
    /// <inheritdoc />
    public Task<int> TouchAsync() => Task.FromResult(1);
}

public sealed class GrainPlacementMetricsTests
{
    private static readonly ShardedGrainPlacement Member0 = new(2, 0, PlatformShardKey.Of);

    [Fact]
    public async Task The_gauge_counts_activations_the_placement_gives_to_this_member_apart_from_those_it_gives_to_another()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddGrainRuntime().AddGrain<IPlacementProbeGrain, PlacementProbeGrain>().UsePlacement(Member0);
        services.AddSingleton<GrainPlacementMetrics>();
        await using var provider = services.BuildServiceProvider();
        var metrics = provider.GetRequiredService<GrainPlacementMetrics>();
        var runtime = provider.GetRequiredService<GrainRuntime>();

        var owned = KeysOwnedBy(0).Take(3).ToList();
        foreach (var key in owned)
        {
            (await provider.GetRequiredService<IGrainFactory>().GetGrain<IPlacementProbeGrain>(key).TouchAsync()).ShouldBe(1);
        }

        Observe(metrics).ShouldBe(new Dictionary<string, long> { ["member"] = 0, ["placementprobe owned"] = 3 }, ignoreOrder: true);

        // a forwarded call runs wherever it arrives (the receiving endpoint checks ownership first): one that slipped past
        // that check would activate the grain here, and the gauge shows it
        var foreign = new GrainId("placementprobe", KeysOwnedBy(1).First());
        await runtime.InvokeLocalAsync(new GrainCall(foreign, typeof(IPlacementProbeGrain).GetMethod(nameof(IPlacementProbeGrain.TouchAsync))!, []));

        Observe(metrics).ShouldBe(new Dictionary<string, long> { ["member"] = 0, ["placementprobe owned"] = 3, ["placementprobe misplaced"] = 1 }, ignoreOrder: true);
    }

    private static IEnumerable<string> KeysOwnedBy(int member) =>
        Enumerable.Range(0, 1_000).Select(i => $"op/trader{i}").Where(k => Member0.GetOwner(new GrainId("placementprobe", k)) == member);

    /// <summary>One collection of the gauges of this host's meter only (other tests' hosts publish the same meter name).</summary>
    private static Dictionary<string, long> Observe(GrainPlacementMetrics metrics)
    {
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            seen[$"{tagged["grain.type"]} {tagged["placement"]}"] = value;
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => seen["member"] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
