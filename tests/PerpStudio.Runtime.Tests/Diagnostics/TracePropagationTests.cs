using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Runtime.Placement;
using PerpStudio.Runtime.Remote;
using PerpStudio.Runtime.Storage;
using PerpStudio.Runtime.Tests.Remote;
using PerpStudio.Runtime.Tests.Support;

namespace PerpStudio.Runtime.Tests.Diagnostics;

/// <summary>A span started inside a grain method belongs to its caller's trace, whether the call ran here or was forwarded.</summary>
public sealed class TracePropagationTests : IDisposable
{
    private const string CallerSourceName = "PerpStudio.Runtime.Tests.Caller";
    private static readonly ActivitySource CallerSource = new(CallerSourceName);
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracePropagationTests()
    {
        // Names, not the sources: a source first created while the listener is being added would miss it.
        string[] sources = [CallerSourceName, SpanGrain.SourceName, "Microsoft.AspNetCore", "System.Net.Http"];
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_span_started_in_a_local_grain_call_is_a_child_of_the_callers_span()
    {
        await using var silo = TestSilo.Create(more: b => b.AddGrain<ISpanGrain, SpanGrain>());
        var grain = silo.Grains.GetGrain<ISpanGrain>("op1/trader1");

        SpanPlace first, again;
        using (var caller = CallerSource.StartActivity("place order")!)
        {
            first = await grain.WorkAsync(); // activates the grain inside the call's turn
            again = await grain.WorkAsync();
            first.TraceId.ShouldBe(caller.TraceId.ToHexString());
            first.ParentSpanId.ShouldBe(caller.SpanId.ToHexString());
            again.TraceId.ShouldBe(caller.TraceId.ToHexString());
            again.ParentSpanId.ShouldBe(caller.SpanId.ToHexString());
        }

        Activity.Current.ShouldBeNull();
        var untraced = await grain.WorkAsync();
        untraced.ParentSpanId.ShouldBe(default(ActivitySpanId).ToHexString());
        untraced.TraceId.ShouldNotBe(first.TraceId);
    }

    [Fact]
    public async Task A_turn_does_not_inherit_the_span_of_the_turn_queued_before_it()
    {
        await using var silo = TestSilo.Create(more: b => b.AddGrain<ISpanGrain, SpanGrain>());
        var grain = silo.Grains.GetGrain<ISpanGrain>("op1/trader2");
        using var caller = CallerSource.StartActivity("place order")!;
        var traced = grain.WorkAsync();

        // Queued right behind the traced call (the caller's span still open), so the same turn loop usually runs both.
        Activity.Current = null;
        var untraced = grain.WorkAsync();
        Activity.Current = caller;
        var callerTrace = caller.TraceId.ToHexString();

        (await traced).TraceId.ShouldBe(callerTrace);
        (await untraced).TraceId.ShouldNotBe(callerTrace);
        (await untraced).ParentSpanId.ShouldBe(default(ActivitySpanId).ToHexString());
    }

    [Fact]
    public async Task A_span_started_in_a_forwarded_grain_call_is_in_the_callers_trace_under_the_owners_request_span()
    {
        var peers = ClusterMember.LoopbackPeers(2);
        var store = new MemoryGrainStorage(new GrainStateSerializer(new()));
        var members = new ClusterMember[2];
        try
        {
            for (var m = 0; m < members.Length; m++)
            {
                members[m] = await ClusterMember.StartAsync(
                    new ClusterMembership(m, peers, peers[m].Port),
                    b =>
                    {
                        b.Services.AddKeyedSingleton<IGrainStorage>("store", store);
                        b.AddGrain<ISpanGrain, SpanGrain>();
                    });
            }

            var placement = new ShardedGrainPlacement(2, 0);
            var key = Enumerable.Range(0, 100).Select(i => $"op1/trader{i}")
                .First(k => placement.GetOwner(new GrainId("span", k)) == 1);

            SpanPlace place;
            Activity caller;
            using (caller = CallerSource.StartActivity("place order")!)
            {
                place = await members[0].Grains.GetGrain<ISpanGrain>(key).WorkAsync();
            }

            members[1].Runtime.ActiveGrainIds().ShouldContain(new GrainId("span", key));
            members[0].Runtime.ActiveGrainIds().ShouldBeEmpty();
            place.TraceId.ShouldBe(caller.TraceId.ToHexString());

            // The owner's request span (ASP.NET Core's, continuing the sender's traceparent) is the grain span's parent,
            // and the chain of parents leads back to the caller through the sender's HTTP client span.
            var request = _stopped.Single(a => a.SpanId.ToHexString() == place.ParentSpanId);
            request.Source.Name.ShouldBe("Microsoft.AspNetCore");
            var client = _stopped.Single(a => a.SpanId == request.ParentSpanId);
            client.Source.Name.ShouldBe("System.Net.Http");
            client.ParentSpanId.ShouldBe(caller.SpanId);
        }
        finally
        {
            foreach (var member in members.Where(m => m is not null))
            {
                await member.DisposeAsync();
            }
        }
    }
}
