using PerpStudio.Runtime.Storage;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests;

public sealed class GrainActivationTests
{
    [Fact]
    public async Task The_first_call_activates_the_grain_with_its_stored_state_already_loaded()
    {
        await using var silo = TestSilo.Create();
        var stored = silo.Services.GetPersistentState<CounterState>(new GrainId("counter", "k1"), "counter", "store");
        stored.State = new CounterState { Count = 41 };
        await stored.WriteStateAsync();

        silo.Runtime.ActivationCount.ShouldBe(0);
        var counter = silo.Grains.GetGrain<ICounterGrain>("k1");
        silo.Runtime.ActivationCount.ShouldBe(0, "a reference alone activates nothing");

        (await counter.CountAtActivationAsync()).ShouldBe(41);
        (await counter.IncrementAsync()).ShouldBe(42);
        silo.Runtime.ActivationCount.ShouldBe(1);
    }

    [Fact]
    public async Task Many_concurrent_first_callers_share_one_activation()
    {
        await using var silo = TestSilo.Create();
        var calls = Enumerable.Range(0, 200)
            .Select(_ => Task.Run(() => silo.Grains.GetGrain<ICounterGrain>("hot").ActivationIdAsync()))
            .ToArray();

        var ids = await Task.WhenAll(calls);

        ids.Distinct().Count().ShouldBe(1);
        silo.Probe.CountOf("activate hot").ShouldBe(1);
        silo.Runtime.ActivationCount.ShouldBe(1);
    }

    [Fact]
    public async Task Turns_of_one_activation_never_interleave_so_read_modify_write_counts_exactly()
    {
        await using var silo = TestSilo.Create();
        const int Callers = 64;
        var calls = Enumerable.Range(0, Callers)
            .Select(_ => Task.Run(() => silo.Grains.GetGrain<ICounterGrain>("turns").IncrementAsync()))
            .ToArray();

        var results = await Task.WhenAll(calls);

        results.Order().ShouldBe(Enumerable.Range(1, Callers));
        (await silo.Grains.GetGrain<ICounterGrain>("turns").PeekAsync()).ShouldBe(Callers);
        silo.Probe.Overlaps.ShouldBe(0);
        var events = silo.Probe.Events.ToArray();
        events.Length.ShouldBe(2 * Callers);
        for (var i = 0; i < events.Length; i++)
        {
            events[i].ShouldBe(i % 2 == 0 ? "enter turns" : "exit turns");
        }
    }

    [Fact]
    public async Task Grains_with_different_keys_have_separate_activations_and_state()
    {
        await using var silo = TestSilo.Create();
        await silo.Grains.GetGrain<ICounterGrain>("a").IncrementAsync();
        await silo.Grains.GetGrain<ICounterGrain>("a").IncrementAsync();
        await silo.Grains.GetGrain<ICounterGrain>("b").IncrementAsync();

        (await silo.Grains.GetGrain<ICounterGrain>("a").PeekAsync()).ShouldBe(2);
        (await silo.Grains.GetGrain<ICounterGrain>("b").PeekAsync()).ShouldBe(1);
        silo.Runtime.ActivationCount.ShouldBe(2);
        silo.Grains.GetGrain<ICounterGrain>("a").GetPrimaryKeyString().ShouldBe("a");
        silo.Grains.GetGrain<ICounterGrain>("a").GetGrainId().ShouldBe(new GrainId("counter", "a"));
    }

    [Fact]
    public async Task A_failed_activation_reaches_the_caller_and_the_next_call_activates_afresh()
    {
        await using var silo = TestSilo.Create();
        silo.Probe.FailActivation["picky"] = true;
        var counter = silo.Grains.GetGrain<ICounterGrain>("picky");

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => counter.IncrementAsync());

        refused.Message.ShouldBe("activation of picky refused");
        silo.Runtime.ActivationCount.ShouldBe(0);
        (await counter.IncrementAsync()).ShouldBe(1);
        silo.Probe.CountOf("activate picky").ShouldBe(2);
    }

    [Fact]
    public void A_grain_cannot_be_constructed_outside_the_runtime()
    {
        var refused = Should.Throw<InvalidOperationException>(() => new SynchronousGrain());

        refused.Message.ShouldContain("IGrainFactory.GetGrain");
    }
}

/// <summary>Reaching stored state directly, as tools and tests do.</summary>
internal static class StoredStateExtensions
{
    public static IPersistentState<T> GetPersistentState<T>(this IServiceProvider services, GrainId grainId, string stateName, string storageName) =>
        ((PersistentStateFactory)services.GetService(typeof(PersistentStateFactory))!).Create<T>(grainId, stateName, storageName);
}
