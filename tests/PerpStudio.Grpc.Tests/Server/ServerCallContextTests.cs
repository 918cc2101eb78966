using Microsoft.AspNetCore.Http;
using PerpStudio.Grpc.Server;
using PerpStudio.Grpc.Tests.Interop;

namespace PerpStudio.Grpc.Tests.Server;

public sealed class ServerCallContextTests
{
    private static ServerCallContext NewContext()
    {
        var method = new GrpcMethodInfo(EchoService.Descriptor.FindMethodByName("Say"));
        var call = new GrpcServerCall(new DefaultHttpContext(), method, new GrpcServerOptions());
        return new ServerCallContext(call, new Metadata(), null, CancellationToken.None);
    }

    [Fact]
    public void Items_set_by_a_filter_are_found_by_their_key_and_a_second_set_replaces_the_first()
    {
        var context = NewContext();
        object caller = new(), tenant = new(), trace = new();

        context.TryGetItem(caller, out _).ShouldBeFalse();
        context.SetItem(caller, "alice");
        context.SetItem(tenant, "op-1");
        context.SetItem(trace, "t-9");
        context.SetItem(caller, "bob");
        context.SetItem(tenant, "op-2");

        context.TryGetItem(caller, out var who).ShouldBeTrue();
        who.ShouldBe("bob");
        context.TryGetItem(tenant, out var where).ShouldBeTrue();
        where.ShouldBe("op-2");
        context.TryGetItem(trace, out var what).ShouldBeTrue();
        what.ShouldBe("t-9");
        context.TryGetItem(new object(), out _).ShouldBeFalse();
    }

    [Fact]
    public void Trailers_exist_only_once_asked_for_and_then_stay_the_same()
    {
        var context = NewContext();

        context.ResponseTrailersIfAny.ShouldBeNull();
        var trailers = context.ResponseTrailers.Add("x-why", "because");

        context.ResponseTrailers.ShouldBeSameAs(trailers);
        context.ResponseTrailersIfAny.ShouldBeSameAs(trailers);
    }

    [Fact]
    public void Without_a_deadline_the_call_never_counts_as_past_it_and_with_one_only_the_deadline_does()
    {
        var context = NewContext();
        context.Call.Start(CancellationToken.None, CancellationToken.None);
        context.Call.DeadlineExpired.ShouldBeFalse();

        using var aborted = new CancellationTokenSource();
        using var call = new CancellationTokenSource();
        context.Call.Start(call.Token, aborted.Token);
        aborted.Cancel();
        call.Cancel();
        context.Call.DeadlineExpired.ShouldBeFalse();

        using var deadline = new CancellationTokenSource();
        context.Call.Start(deadline.Token, CancellationToken.None);
        deadline.Cancel();
        context.Call.DeadlineExpired.ShouldBeTrue();
    }
}
