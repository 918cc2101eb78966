using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests;

public sealed class GrainReferenceTests
{
    [Fact]
    public async Task A_grain_reference_is_made_once_and_reused_for_every_later_lookup_of_the_same_grain()
    {
        await using var silo = TestSilo.Create();

        var first = silo.Grains.GetGrain<ICounterGrain>("k");
        var again = silo.Grains.GetGrain<ICounterGrain>("k");
        var other = silo.Grains.GetGrain<ICounterGrain>("other");

        again.ShouldBeSameAs(first);
        other.ShouldNotBeSameAs(first);
        await first.IncrementAsync();
        (await again.IncrementAsync()).ShouldBe(2);
        (await other.IncrementAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task References_beyond_the_cache_bound_still_reach_their_grains()
    {
        await using var silo = TestSilo.Create();
        var first = silo.Grains.GetGrain<ICounterGrain>("first");
        await first.IncrementAsync();

        // the cache starts over once the bound is passed: a reference made afresh names the same activation
        for (var i = 0; i <= GrainRuntime.MaxCachedReferences; i++)
        {
            silo.Grains.GetGrain<ICounterGrain>($"k{i}");
        }

        var remade = silo.Grains.GetGrain<ICounterGrain>("first");
        remade.ShouldNotBeSameAs(first);
        remade.ShouldBe(first);
        (await remade.IncrementAsync()).ShouldBe(2);
    }
}
