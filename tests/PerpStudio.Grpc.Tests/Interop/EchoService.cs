using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Grpc.Tests.Interop;

/// <summary>What the server saw of a call that waited for its cancellation token.</summary>
/// <param name="Deadline">The deadline the handler was given.</param>
public sealed record WaitObservation(DateTimeOffset? Deadline);

/// <summary>The interop test service, bound through <see cref="ServiceBinder"/> as production services are.</summary>
public sealed class EchoService
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<WaitObservation>> _cancelled = new();

    public static ServiceDescriptor Descriptor { get; } = InteropTestReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Echo");

    /// <summary>Completes when a WaitForDeadline call with this text has started.</summary>
    public Task WhenWaitStarted(string text) => Slot(_started, text).Task;

    /// <summary>Completes when a WaitForDeadline call with this text saw its token fire.</summary>
    public Task<WaitObservation> WhenWaitCancelled(string text) => Slot(_cancelled, text).Task;

    public ServiceBinder Binder() =>
        ServiceBinder.For(Descriptor)
            .Unary<EchoRequest, EchoReply>("Say", SayAsync)
            .ServerStreaming<ExpandRequest, EchoReply>("Expand", ExpandAsync)
            .ClientStreaming<EchoRequest, CollectReply>("Collect", CollectAsync)
            .DuplexStreaming<EchoRequest, EchoReply>("Chat", ChatAsync)
            .Unary<FailRequest, EchoReply>("Fail", (request, _) =>
                throw new RpcException(new Status((StatusCode)request.Code, request.Message), new Metadata().Add("x-fail-reason", "requested")))
            .Unary<EchoRequest, EchoReply>("WaitForDeadline", WaitForDeadlineAsync)
            .Unary<EchoRequest, EchoReply>("Crash", (_, _) => throw new InvalidOperationException("secret ledger detail at Echo.Crash"))
            .Unary<BigRequest, EchoReply>("Big", (request, _) =>
                Task.FromResult(new EchoReply { Payload = ByteString.CopyFrom(new byte[request.Size]) }));

    private static async Task<EchoReply> SayAsync(EchoRequest request, ServerCallContext context)
    {
        var headers = new Metadata();
        if (context.RequestHeaders.GetValue("x-echo") is { } text)
        {
            headers.Add("x-echo-header", text);
            context.ResponseTrailers.Add("x-echo-trailer", text);
        }

        if (context.RequestHeaders.GetValueBytes("x-echo-bin") is { } bytes)
        {
            context.ResponseTrailers.Add("x-echo-bin", bytes);
        }

        if (headers.Count > 0)
        {
            await context.WriteResponseHeadersAsync(headers);
        }

        return new EchoReply { Text = request.Text, Payload = request.Payload };
    }

    private static async Task ExpandAsync(ExpandRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        if (request.Count < 0)
        {
            // like a subscription: stream until the call's token fires, then end quietly without throwing
            await responses.WriteAsync(new EchoReply { Text = request.Text, Index = 0 });
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        for (var i = 0; i < request.Count; i++)
        {
            await responses.WriteAsync(new EchoReply { Text = $"{request.Text}#{i}", Index = i });
        }
    }

    private static async Task<CollectReply> CollectAsync(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            texts.Add(request.Text);
        }

        return new CollectReply { Count = texts.Count, Joined = string.Join(',', texts) };
    }

    private static async Task ChatAsync(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            await responses.WriteAsync(new EchoReply { Text = "echo:" + request.Text, Index = index++ });
        }
    }

    private async Task<EchoReply> WaitForDeadlineAsync(EchoRequest request, ServerCallContext context)
    {
        Slot(_started, request.Text).TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Slot(_cancelled, request.Text).TrySetResult(new WaitObservation(context.Deadline));
            throw;
        }

        return new EchoReply();
    }

    private static TaskCompletionSource Slot(ConcurrentDictionary<string, TaskCompletionSource> slots, string key) =>
        slots.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static TaskCompletionSource<T> Slot<T>(ConcurrentDictionary<string, TaskCompletionSource<T>> slots, string key) =>
        slots.GetOrAdd(key, _ => new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
}
