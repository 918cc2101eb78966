using PerpStudio.Runtime.Hosting;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests;

public sealed class GrainCallTests
{
    [Fact]
    public async Task An_exception_thrown_by_a_grain_reaches_the_caller_and_the_activation_lives_on()
    {
        await using var silo = TestSilo.Create();
        var counter = silo.Grains.GetGrain<ICounterGrain>("k");
        await counter.IncrementAsync();
        var activation = await counter.ActivationIdAsync();

        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => counter.FailAsync("margin below maintenance"));
        var thrownEarly = await Should.ThrowAsync<ArgumentException>(() => counter.FailSynchronouslyAsync("bad size"));

        thrown.Message.ShouldBe("margin below maintenance");
        thrownEarly.Message.ShouldBe("bad size");
        (await counter.ActivationIdAsync()).ShouldBe(activation);
        (await counter.IncrementAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Grains_call_other_grains()
    {
        await using var silo = TestSilo.Create();

        var last = await silo.Grains.GetGrain<IRelayGrain>("relay").IncrementCounterAsync("target", 3);

        last.ShouldBe(3);
        (await silo.Grains.GetGrain<ICounterGrain>("target").PeekAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task A_call_without_a_response_within_the_response_timeout_fails_with_TimeoutException()
    {
        await using var silo = TestSilo.Create(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        var relay = silo.Grains.GetGrain<IRelayGrain>("slow");

        var call = relay.WaitForGateAsync("never");
        silo.Clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        call.IsCompleted.ShouldBeFalse();
        silo.Clock.Advance(TimeSpan.FromTicks(1));

        var timeout = await Should.ThrowAsync<TimeoutException>(call);
        timeout.Message.ShouldContain("IRelayGrain.WaitForGateAsync on relay/slow got no response within 00:00:05");

        // The turn itself goes on: once it ends, the activation answers again.
        silo.Probe.Signal("never");
        (await relay.EchoAsync()).ShouldBe("echo");
    }

    [Fact]
    public async Task A_call_that_was_answered_no_longer_waits_for_its_timeout_and_a_timed_out_one_is_forgotten_too()
    {
        await using var silo = TestSilo.Create(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        var relay = silo.Grains.GetGrain<IRelayGrain>("answered");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => relay.EchoAsync()));
        silo.Runtime.PendingCalls.ShouldBe(0);

        var slow = relay.WaitForGateAsync("later");
        silo.Runtime.PendingCalls.ShouldBe(1);
        silo.Clock.Advance(TimeSpan.FromSeconds(5));
        await Should.ThrowAsync<TimeoutException>(slow);
        silo.Runtime.PendingCalls.ShouldBe(0);

        // the turn that timed out ends later; its result goes nowhere and the next call is answered as usual
        silo.Probe.Signal("later");
        (await relay.EchoAsync()).ShouldBe("echo");
        silo.Runtime.PendingCalls.ShouldBe(0);
    }

    [Fact]
    public async Task A_call_cycle_waits_on_itself_and_surfaces_as_a_timeout_after_which_the_grains_recover()
    {
        await using var silo = TestSilo.Create(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
        var a = silo.Grains.GetGrain<IRelayGrain>("a");

        var ping = a.PingAsync("b");
        await silo.Probe.WhenSignaled("pong called back a");
        silo.Clock.Advance(TimeSpan.FromSeconds(30));

        await Should.ThrowAsync<TimeoutException>(ping);
        (await a.EchoAsync()).ShouldBe("echo");
    }

    [Fact]
    public async Task ValueTask_methods_are_called_like_Task_methods()
    {
        await using var silo = TestSilo.Create();
        var counter = silo.Grains.GetGrain<ICounterGrain>("v");
        await counter.IncrementAsync();

        (await counter.PeekAsync()).ShouldBe(1);
        await counter.DeactivateAsync();
    }

    [Fact]
    public void A_grain_interface_with_a_synchronous_method_is_rejected_at_registration()
    {
        var refused = Should.Throw<ArgumentException>(() =>
            TestSilo.Create(more: b => b.AddGrain<ISynchronousGrain, SynchronousGrain>()));

        refused.Message.ShouldBe("grain method ISynchronousGrain.Now returns Int32; grain methods return Task, Task<T>, ValueTask or ValueTask<T>");
    }

    [Fact]
    public async Task A_reference_to_an_unregistered_interface_is_refused_with_the_fix()
    {
        await using var silo = TestSilo.Create();

        var refused = Should.Throw<ArgumentException>(() => silo.Grains.GetGrain<IUnregisteredGrain>("x"));

        refused.Message.ShouldBe("no grain implements IUnregisteredGrain: register one with AddGrain<IUnregisteredGrain, TGrain>()");
    }

    [Fact]
    public async Task A_grain_whose_storage_is_not_registered_fails_its_call_with_the_fix()
    {
        await using var silo = TestSilo.Create();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => silo.Grains.GetGrain<IMisconfiguredGrain>("m").PingAsync());

        refused.Message.ShouldContain("no grain storage named 'nowhere'");
        refused.Message.ShouldContain("AddMemoryGrainStorage(\"nowhere\")");
    }

    [Fact]
    public async Task Grain_references_are_equal_when_they_name_the_same_grain()
    {
        await using var silo = TestSilo.Create();

        silo.Grains.GetGrain<ICounterGrain>("same").ShouldBe(silo.Grains.GetGrain<ICounterGrain>("same"));
        silo.Grains.GetGrain<ICounterGrain>("same").ShouldNotBe(silo.Grains.GetGrain<ICounterGrain>("other"));
        Should.Throw<ArgumentException>(() => silo.Grains.GetGrain<ICounterGrain>(""));
    }

    [Fact]
    public void Out_of_range_options_are_rejected()
    {
        var refused = Should.Throw<ArgumentOutOfRangeException>(() =>
            TestSilo.Create(o => o.ResponseTimeout = TimeSpan.Zero).Runtime.ActivationCount);

        refused.ParamName.ShouldBe(nameof(GrainRuntimeOptions.ResponseTimeout));
    }
}
