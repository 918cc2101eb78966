using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests;

public sealed class DeactivationTests
{
    private static TestSilo IdleAfterTenMinutes() => TestSilo.Create(o =>
    {
        o.CollectionAge = TimeSpan.FromMinutes(10);
        o.CollectionQuantum = TimeSpan.FromMinutes(1);
    });

    [Fact]
    public async Task An_activation_idle_for_the_collection_age_is_deactivated_and_the_next_call_reloads_it()
    {
        await using var silo = IdleAfterTenMinutes();
        var counter = silo.Grains.GetGrain<ICounterGrain>("idle");
        await counter.IncrementAsync();
        var first = await counter.ActivationIdAsync();

        silo.Clock.Advance(TimeSpan.FromMinutes(9));
        (await counter.ActivationIdAsync()).ShouldBe(first, "nine idle minutes are not enough");

        silo.Clock.Advance(TimeSpan.FromMinutes(10));
        await silo.Probe.WhenSignaled("deactivated idle");

        silo.Probe.Deactivations["idle"].ReasonCode.ShouldBe(DeactivationReasonCode.ActivationIdle);
        (await counter.ActivationIdAsync()).ShouldNotBe(first);
        (await counter.CountAtActivationAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Calls_keep_an_activation_alive()
    {
        await using var silo = IdleAfterTenMinutes();
        var counter = silo.Grains.GetGrain<ICounterGrain>("busy");
        var first = await counter.ActivationIdAsync();

        for (var minute = 0; minute < 30; minute += 5)
        {
            silo.Clock.Advance(TimeSpan.FromMinutes(5));
            await counter.IncrementAsync();
        }

        (await counter.ActivationIdAsync()).ShouldBe(first);
        silo.Probe.Deactivations.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeactivateOnIdle_ends_the_activation_after_its_turn_and_the_next_call_gets_a_new_one()
    {
        await using var silo = TestSilo.Create();
        var counter = silo.Grains.GetGrain<ICounterGrain>("leaving");
        await counter.IncrementAsync();
        var first = await counter.ActivationIdAsync();

        await counter.DeactivateAsync();
        var next = await counter.ActivationIdAsync();

        silo.Probe.Deactivations["leaving"].ReasonCode.ShouldBe(DeactivationReasonCode.ApplicationRequested);
        next.ShouldNotBe(first);
        (await counter.PeekAsync()).ShouldBe(1);
        silo.Runtime.ActivationCount.ShouldBe(1);
    }

    [Fact]
    public async Task DeactivateAll_drops_every_activation_and_calls_reload_state_from_storage()
    {
        await using var silo = TestSilo.Create();
        var keys = new[] { "x", "y", "z" };
        foreach (var key in keys)
        {
            await silo.Grains.GetGrain<ICounterGrain>(key).IncrementAsync();
            await silo.Grains.GetGrain<ICounterGrain>(key).IncrementAsync();
        }

        await silo.Runtime.DeactivateAllAsync();

        silo.Runtime.ActivationCount.ShouldBe(0);
        foreach (var key in keys)
        {
            silo.Probe.Deactivations[key].ReasonCode.ShouldBe(DeactivationReasonCode.ShuttingDown);
            (await silo.Grains.GetGrain<ICounterGrain>(key).CountAtActivationAsync()).ShouldBe(2);
            (await silo.Grains.GetGrain<ICounterGrain>(key).IncrementAsync()).ShouldBe(3);
        }
    }

    [Fact]
    public async Task Calls_racing_a_deactivation_are_each_applied_once_and_never_overlap()
    {
        await using var silo = TestSilo.Create();
        var counter = silo.Grains.GetGrain<ICounterGrain>("queue");
        await counter.IncrementAsync();

        var deactivation = counter.DeactivateAsync().AsTask();
        var increments = Enumerable.Range(0, 20).Select(_ => counter.IncrementAsync()).ToArray();
        await deactivation;
        var results = await Task.WhenAll(increments);

        results.Order().ShouldBe(Enumerable.Range(2, 20));
        silo.Probe.Overlaps.ShouldBe(0);
        silo.Probe.Deactivations["queue"].ReasonCode.ShouldBe(DeactivationReasonCode.ApplicationRequested);
    }
}
