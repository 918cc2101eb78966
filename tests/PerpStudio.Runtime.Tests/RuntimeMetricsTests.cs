using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Runtime.Diagnostics;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests;

public sealed class RuntimeMetricsTests
{
    [Fact]
    public async Task Activations_deactivations_and_storage_latency_are_measured_on_the_runtime_meter()
    {
        await using var silo = TestSilo.Create();
        var meter = silo.Services.GetRequiredService<RuntimeInstruments>().Meter;
        meter.Name.ShouldBe("PerpStudio.Runtime");
        var sums = new ConcurrentDictionary<string, double>();
        var counts = new ConcurrentDictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => Record(i.Name, v));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => Record(i.Name, v));
        listener.Start();

        foreach (var key in new[] { "a", "b", "c" })
        {
            await silo.Grains.GetGrain<ICounterGrain>(key).IncrementAsync();
        }

        await silo.Grains.GetGrain<ICounterGrain>("a").IncrementAsync();
        await silo.Runtime.DeactivateAllAsync();

        sums["perpstudio.runtime.activations"].ShouldBe(3);
        sums["perpstudio.runtime.deactivations"].ShouldBe(3);
        sums["perpstudio.runtime.activations.active"].ShouldBe(0);
        counts["perpstudio.runtime.storage.read.duration"].ShouldBe(3);
        counts["perpstudio.runtime.storage.write.duration"].ShouldBe(4);
        sums["perpstudio.runtime.storage.write.duration"].ShouldBeGreaterThan(0);

        void Record(string name, double value)
        {
            sums.AddOrUpdate(name, value, (_, s) => s + value);
            counts.AddOrUpdate(name, 1, (_, n) => n + 1);
        }
    }
}
