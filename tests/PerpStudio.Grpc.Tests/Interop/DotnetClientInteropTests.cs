using Google.Protobuf;
using PerpStudio.Grpc.Client;

namespace PerpStudio.Grpc.Tests.Interop;

public sealed class DotnetClientInteropTests(EchoServer server) : IClassFixture<EchoServer>
{
    private const string Echo = "/perpstudio.testing.v1.Echo/";

    [Fact]
    public async Task A_unary_call_echoes_its_request_and_metadata_both_ways()
    {
        using var client = server.Client();
        var headers = new Metadata().Add("x-echo", "tenant-7").Add("x-echo-bin", new byte[] { 0, 1, 2, 250, 255 });

        var result = await client.UnaryCallAsync<EchoRequest, EchoReply>(
            Echo + "Say", new EchoRequest { Text = "hello", Payload = ByteString.CopyFrom(9, 8, 7) }, headers);

        result.Response.Text.ShouldBe("hello");
        result.Response.Payload.ToByteArray().ShouldBe(new byte[] { 9, 8, 7 });
        result.ResponseHeaders.GetValue("x-echo-header").ShouldBe("tenant-7");
        result.Trailers.GetValue("x-echo-trailer").ShouldBe("tenant-7");
        result.Trailers.GetValueBytes("x-echo-bin").ShouldBe(new byte[] { 0, 1, 2, 250, 255 });
    }

    [Fact]
    public async Task A_server_stream_delivers_every_message_in_order()
    {
        using var client = server.Client();
        var replies = new List<EchoReply>();
        await foreach (var reply in client.ServerStreaming<ExpandRequest, EchoReply>(Echo + "Expand", new ExpandRequest { Text = "fill", Count = 5 }))
        {
            replies.Add(reply);
        }

        replies.Select(r => r.Text).ShouldBe(["fill#0", "fill#1", "fill#2", "fill#3", "fill#4"]);
    }

    [Fact]
    public async Task A_server_stream_of_zero_messages_ends_cleanly()
    {
        using var client = server.Client();
        var count = 0;
        await foreach (var _ in client.ServerStreaming<ExpandRequest, EchoReply>(Echo + "Expand", new ExpandRequest { Count = 0 }))
        {
            count++;
        }

        count.ShouldBe(0);
    }

    [Fact]
    public async Task A_client_stream_is_read_to_its_end()
    {
        using var client = server.Client();
        var result = await client.ClientStreamingAsync<EchoRequest, CollectReply>(Echo + "Collect", Requests("a", "b", "c"));

        result.Response.Count.ShouldBe(3);
        result.Response.Joined.ShouldBe("a,b,c");
    }

    [Fact]
    public async Task A_bidirectional_call_answers_each_message_before_the_next_is_sent()
    {
        using var client = server.Client();
        var replies = Channels.Create();
        var texts = new List<string>();

        // each request is produced only after the previous reply arrived, which proves true duplex
        await foreach (var reply in client.DuplexStreaming<EchoRequest, EchoReply>(Echo + "Chat", Lockstep(replies, "x", "y", "z")))
        {
            texts.Add(reply.Text);
            replies.Writer.TryWrite(reply.Text);
        }

        texts.ShouldBe(["echo:x", "echo:y", "echo:z"]);
    }

    [Fact]
    public async Task A_failing_handler_sends_its_status_detail_and_trailers()
    {
        using var client = server.Client();
        var ex = await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<FailRequest, EchoReply>(Echo + "Fail", new FailRequest { Code = 9, Message = "margin below maintenance" }));

        ex.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        ex.Status.Detail.ShouldBe("margin below maintenance");
        ex.Trailers.GetValue("x-fail-reason").ShouldBe("requested");
    }

    [Fact]
    public async Task A_non_ascii_status_detail_arrives_intact()
    {
        using var client = server.Client();
        const string detail = "Marge insuffisante: 5 € < 10 % — 保证金不足\nnext line";
        var ex = await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<FailRequest, EchoReply>(Echo + "Fail", new FailRequest { Code = 3, Message = detail }));

        ex.Status.Detail.ShouldBe(detail);
    }

    [Fact]
    public async Task An_exception_in_a_handler_becomes_UNKNOWN_without_its_text()
    {
        using var client = server.Client();
        var ex = await Should.ThrowAsync<RpcException>(() => client.UnaryAsync<EchoRequest, EchoReply>(Echo + "Crash", new EchoRequest()));

        ex.StatusCode.ShouldBe(StatusCode.Unknown);
        ex.Status.Detail.ShouldNotContain("secret");
        ex.Status.Detail.ShouldNotContain("Echo.Crash");
    }

    [Fact]
    public async Task The_deadline_fires_the_handler_token_and_ends_the_call_with_DEADLINE_EXCEEDED()
    {
        using var client = server.Client();
        var deadline = DateTimeOffset.UtcNow.AddMilliseconds(200);

        var ex = await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<EchoRequest, EchoReply>(Echo + "WaitForDeadline", new EchoRequest { Text = "dotnet-deadline" }, deadline: deadline));

        ex.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
        // the client resets the stream at its deadline and the server's own timer fires at about the same moment: either fires the token
        var seen = await server.Echo.WhenWaitCancelled("dotnet-deadline").WaitAsync(TimeSpan.FromSeconds(10));
        seen.Deadline.ShouldNotBeNull();
        seen.Deadline.Value.ShouldBeInRange(deadline.AddSeconds(-1), deadline.AddSeconds(1));
    }

    [Fact]
    public async Task Cancelling_a_call_resets_the_stream_and_fires_the_handler_token()
    {
        using var client = server.Client();
        using var cts = new CancellationTokenSource();
        var call = client.UnaryAsync<EchoRequest, EchoReply>(Echo + "WaitForDeadline", new EchoRequest { Text = "dotnet-cancel" }, cancellationToken: cts.Token);
        await server.Echo.WhenWaitStarted("dotnet-cancel").WaitAsync(TimeSpan.FromSeconds(10));

        await cts.CancelAsync();

        (await Should.ThrowAsync<RpcException>(() => call)).StatusCode.ShouldBe(StatusCode.Cancelled);
        var seen = await server.Echo.WhenWaitCancelled("dotnet-cancel").WaitAsync(TimeSpan.FromSeconds(10));
        seen.Deadline.ShouldBeNull();
    }

    [Fact]
    public async Task A_response_over_the_send_limit_fails_with_RESOURCE_EXHAUSTED()
    {
        using var client = server.Client(new GrpcClientOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
        var ex = await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<BigRequest, EchoReply>(Echo + "Big", new BigRequest { Size = 4 * 1024 * 1024 + 1 }));

        ex.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task A_request_over_the_receive_limit_fails_with_RESOURCE_EXHAUSTED()
    {
        using var client = server.Client(new GrpcClientOptions { MaxSendMessageSize = 16 * 1024 * 1024 });
        var ex = await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<EchoRequest, EchoReply>(Echo + "Say", new EchoRequest { Payload = ByteString.CopyFrom(new byte[4 * 1024 * 1024 + 1]) }));

        ex.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        ex.Status.Detail.ShouldContain("exceeds the maximum message size");
    }

    [Fact]
    public async Task A_response_larger_than_the_client_accepts_fails_locally_with_RESOURCE_EXHAUSTED()
    {
        using var client = server.Client(new GrpcClientOptions { MaxReceiveMessageSize = 1024 });
        var ex = await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<BigRequest, EchoReply>(Echo + "Big", new BigRequest { Size = 4096 }));

        ex.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_understood()
    {
        using var client = server.Client(new GrpcClientOptions { CompressRequests = true });
        var reply = await client.UnaryAsync<EchoRequest, EchoReply>(Echo + "Say", new EchoRequest { Text = new string('z', 10_000) });

        reply.Text.ShouldBe(new string('z', 10_000));
    }

    [Fact]
    public async Task A_filter_can_reject_a_call_before_its_handler_runs()
    {
        using var client = server.Client();
        var ex = await Should.ThrowAsync<RpcException>(() =>
            client.UnaryAsync<EchoRequest, EchoReply>(Echo + "WaitForDeadline", new EchoRequest { Text = "filtered" }, new Metadata().Add("x-reject", "no api key")));

        ex.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        ex.Status.Detail.ShouldBe("rejected by filter: no api key");
        server.Filter.Calls.ShouldContain("/perpstudio.testing.v1.Echo/WaitForDeadline");
        server.Echo.WhenWaitStarted("filtered").IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task Unknown_methods_and_services_are_UNIMPLEMENTED()
    {
        using var client = server.Client();
        (await Should.ThrowAsync<RpcException>(() => client.UnaryAsync<EchoRequest, EchoReply>(Echo + "Nope", new EchoRequest())))
            .StatusCode.ShouldBe(StatusCode.Unimplemented);
        (await Should.ThrowAsync<RpcException>(() => client.UnaryAsync<EchoRequest, EchoReply>("/no.such.Service/Say", new EchoRequest())))
            .StatusCode.ShouldBe(StatusCode.Unimplemented);
    }

    private static async IAsyncEnumerable<EchoRequest> Requests(params string[] texts)
    {
        foreach (var text in texts)
        {
            await Task.Yield();
            yield return new EchoRequest { Text = text };
        }
    }

    private static async IAsyncEnumerable<EchoRequest> Lockstep(
        System.Threading.Channels.Channel<string> replies, string first, params string[] rest)
    {
        yield return new EchoRequest { Text = first };
        foreach (var text in rest)
        {
            await replies.Reader.ReadAsync();
            yield return new EchoRequest { Text = text };
        }

        await replies.Reader.ReadAsync();
    }

    private static class Channels
    {
        public static System.Threading.Channels.Channel<string> Create() => System.Threading.Channels.Channel.CreateUnbounded<string>();
    }
}
