using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests;

public sealed class GrainTimerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Timer_ticks_follow_the_clock()
    {
        await using var silo = TestSilo.Create();
        var ticker = silo.Grains.GetGrain<ITickerGrain>("t");
        await ticker.StartAsync(Period, holdFirstTick: false, failEveryTick: false);

        silo.Clock.Advance(Period - TimeSpan.FromTicks(1));
        (await ticker.TicksAsync()).ShouldBe(0);
        for (var n = 1; n <= 3; n++)
        {
            silo.Clock.Advance(n == 1 ? TimeSpan.FromTicks(1) : Period);
            await silo.Probe.WhenSignaled($"tick {n}");
        }

        (await ticker.TicksAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task A_tick_is_a_turn_so_a_call_waits_until_the_tick_ends()
    {
        await using var silo = TestSilo.Create();
        var ticker = silo.Grains.GetGrain<ITickerGrain>("t");
        await ticker.StartAsync(Period, holdFirstTick: true, failEveryTick: false);

        silo.Clock.Advance(Period);
        await silo.Probe.WhenSignaled("tick 1");
        var call = ticker.TouchAsync();
        silo.Probe.Signal("release tick 1");
        await call;

        silo.Probe.Overlaps.ShouldBe(0);
        silo.Probe.Events.ShouldBe(["enter tick", "exit tick", "enter call", "exit call"]);
    }

    [Fact]
    public async Task A_failing_tick_does_not_stop_the_timer()
    {
        await using var silo = TestSilo.Create();
        var ticker = silo.Grains.GetGrain<ITickerGrain>("t");
        await ticker.StartAsync(Period, holdFirstTick: false, failEveryTick: true);

        silo.Clock.Advance(Period);
        await silo.Probe.WhenSignaled("tick 1");
        silo.Clock.Advance(Period);
        await silo.Probe.WhenSignaled("tick 2");

        (await ticker.TicksAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_disposed_timer_is_unscheduled()
    {
        await using var silo = TestSilo.Create();
        var ticker = silo.Grains.GetGrain<ITickerGrain>("t");
        var firstTick = silo.Clock.GetUtcNow() + Period;
        await ticker.StartAsync(Period, holdFirstTick: false, failEveryTick: false);
        silo.Clock.HasTimerDueAt(firstTick).ShouldBeTrue();

        await ticker.StopAsync();

        silo.Clock.HasTimerDueAt(firstTick).ShouldBeFalse();
        silo.Clock.Advance(Period * 3);
        (await ticker.TicksAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Timers_do_not_keep_an_activation_alive_and_stop_when_it_deactivates()
    {
        await using var silo = TestSilo.Create(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(2);
            o.CollectionQuantum = TimeSpan.FromMinutes(1);
        });
        var ticker = silo.Grains.GetGrain<ITickerGrain>("t");
        var firstTick = silo.Clock.GetUtcNow() + TimeSpan.FromHours(1);
        await ticker.StartAsync(TimeSpan.FromHours(1), holdFirstTick: false, failEveryTick: false);
        silo.Clock.HasTimerDueAt(firstTick).ShouldBeTrue();

        silo.Clock.Advance(TimeSpan.FromMinutes(3));
        await silo.Probe.WhenSignaled("deactivated t");

        silo.Clock.HasTimerDueAt(firstTick).ShouldBeFalse();
        (await ticker.TicksAsync()).ShouldBe(0, "a new activation has no ticks");
    }
}
