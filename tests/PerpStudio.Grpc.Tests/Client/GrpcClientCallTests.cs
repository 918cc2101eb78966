using PerpStudio.Grpc.Client;
using PerpStudio.Grpc.Tests.Interop;

namespace PerpStudio.Grpc.Tests.Client;

/// <summary>How the client's one cancellation source tells the caller's cancellation from the deadline, and its two transports.</summary>
public sealed class GrpcClientCallTests(EchoServer server) : IClassFixture<EchoServer>
{
    private const string Echo = "/perpstudio.testing.v1.Echo/";

    [Fact]
    public async Task Cancelling_a_call_that_has_a_deadline_ends_it_CANCELLED_and_the_server_saw_the_deadline()
    {
        using var client = server.Client();
        using var cts = new CancellationTokenSource();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        var call = client.UnaryAsync<EchoRequest, EchoReply>(
            Echo + "WaitForDeadline", new EchoRequest { Text = "cancel-with-deadline" }, deadline: deadline, cancellationToken: cts.Token);
        await server.Echo.WhenWaitStarted("cancel-with-deadline").WaitAsync(TimeSpan.FromSeconds(10));

        await cts.CancelAsync();

        (await Should.ThrowAsync<RpcException>(() => call)).StatusCode.ShouldBe(StatusCode.Cancelled);
        var seen = await server.Echo.WhenWaitCancelled("cancel-with-deadline").WaitAsync(TimeSpan.FromSeconds(10));
        seen.Deadline.ShouldNotBeNull();
        seen.Deadline.Value.ShouldBeInRange(deadline.AddSeconds(-5), deadline.AddSeconds(5));
    }

    [Fact]
    public async Task A_deadline_already_past_fails_with_DEADLINE_EXCEEDED_before_the_handler_runs()
    {
        using var client = server.Client();
        var ex = await Should.ThrowAsync<RpcException>(() => client.UnaryAsync<EchoRequest, EchoReply>(
            Echo + "WaitForDeadline", new EchoRequest { Text = "already-past" }, deadline: DateTimeOffset.UtcNow.AddSeconds(-1)));

        ex.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
        server.Echo.WhenWaitStarted("already-past").IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task A_deadline_already_past_wins_over_a_token_already_cancelled()
    {
        using var client = server.Client();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var ex = await Should.ThrowAsync<RpcException>(() => client.UnaryAsync<EchoRequest, EchoReply>(
            Echo + "Say", new EchoRequest { Text = "both" }, deadline: DateTimeOffset.UtcNow.AddSeconds(-1), cancellationToken: cts.Token));

        ex.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task A_token_cancelled_before_a_call_with_a_deadline_ends_it_CANCELLED()
    {
        using var client = server.Client();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var ex = await Should.ThrowAsync<RpcException>(() => client.UnaryAsync<EchoRequest, EchoReply>(
            Echo + "Say", new EchoRequest { Text = "pre-cancelled" }, deadline: DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken: cts.Token));

        ex.StatusCode.ShouldBe(StatusCode.Cancelled);
    }

    [Fact]
    public async Task Calls_after_a_cancelled_one_on_the_same_client_succeed()
    {
        using var client = server.Client();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Should.ThrowAsync<RpcException>(() => client.UnaryAsync<EchoRequest, EchoReply>(
            Echo + "Say", new EchoRequest { Text = "x" }, deadline: DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken: cts.Token));

        for (var i = 0; i < 3; i++)
        {
            var reply = await client.UnaryAsync<EchoRequest, EchoReply>(
                Echo + "Say", new EchoRequest { Text = $"after-{i}" }, deadline: DateTimeOffset.UtcNow.AddMinutes(1));
            reply.Text.ShouldBe($"after-{i}");
        }
    }

    [Fact]
    public async Task A_client_over_the_callers_own_HttpClient_sends_metadata_and_reads_headers_and_trailers()
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
        using var client = new GrpcClient(http);

        var result = await client.UnaryCallAsync<EchoRequest, EchoReply>(
            "perpstudio.testing.v1.Echo/Say", new EchoRequest { Text = "own-http" }, new Metadata().Add("x-echo", "tenant-9"), DateTimeOffset.UtcNow.AddMinutes(1));

        result.Response.Text.ShouldBe("own-http");
        result.ResponseHeaders.GetValue("x-echo-header").ShouldBe("tenant-9");
        result.Trailers.GetValue("x-echo-trailer").ShouldBe("tenant-9");
    }

    [Fact]
    public async Task A_failure_carries_the_servers_trailers_when_only_the_response_was_asked_for()
    {
        using var client = server.Client();
        var ex = await Should.ThrowAsync<RpcException>(() => client.UnaryAsync<FailRequest, EchoReply>(
            Echo + "Fail", new FailRequest { Code = (int)StatusCode.FailedPrecondition, Message = "no margin" }));

        ex.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        ex.Status.Detail.ShouldBe("no margin");
        ex.Trailers.GetValue("x-fail-reason").ShouldBe("requested");
    }
    [Fact]
    public async Task A_call_cancelled_after_many_calls_with_deadlines_is_CANCELLED_and_the_next_calls_succeed()
    {
        // finished calls hand their cancellation source back for reuse: none of them may leak a cancellation into another
        using var client = server.Client();
        for (var i = 0; i < 50; i++)
        {
            (await client.UnaryAsync<EchoRequest, EchoReply>(Echo + "Say", new EchoRequest { Text = $"warm-{i}" }, deadline: DateTimeOffset.UtcNow.AddMinutes(1)))
                .Text.ShouldBe($"warm-{i}");
        }

        using var cts = new CancellationTokenSource();
        var call = client.UnaryAsync<EchoRequest, EchoReply>(
            Echo + "WaitForDeadline", new EchoRequest { Text = "cancel-after-reuse" }, deadline: DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken: cts.Token);
        await server.Echo.WhenWaitStarted("cancel-after-reuse").WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        (await Should.ThrowAsync<RpcException>(() => call)).StatusCode.ShouldBe(StatusCode.Cancelled);

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.UnaryAsync<EchoRequest, EchoReply>(Echo + "Say", new EchoRequest { Text = $"next-{i}" }, deadline: DateTimeOffset.UtcNow.AddMinutes(1))));
        replies.Select(r => r.Text).ShouldBe(Enumerable.Range(0, 20).Select(i => $"next-{i}"));
    }
}
