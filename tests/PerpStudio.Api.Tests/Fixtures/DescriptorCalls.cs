using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using PerpStudio.Contracts.V1;
using PerpStudio.Grpc;
using PerpStudio.Grpc.Client;

namespace PerpStudio.Api.Tests.Fixtures;

/// <summary>The outcome of one call made from a descriptor.</summary>
/// <param name="Code">The status (OK when a reply, or a first stream message, arrived).</param>
/// <param name="Detail">The status detail.</param>
/// <param name="Trailers">The trailers of a failed call.</param>
/// <param name="Reply">The reply or first stream message, if any.</param>
public sealed record CallOutcome(StatusCode Code, string Detail, Metadata Trailers, IMessage? Reply);

/// <summary>Calls any method of the public API from its descriptor, without compile-time types.</summary>
public static class DescriptorCalls
{
    /// <summary>Every service of protos/perpstudio/v1.</summary>
    public static IReadOnlyList<ServiceDescriptor> Services { get; } =
    [
        AuthReflection.Descriptor.Services[0],
        TradingReflection.Descriptor.Services[0],
        AccountReflection.Descriptor.Services[0],
        RiskReflection.Descriptor.Services[0],
        MarketDataReflection.Descriptor.Services[0],
        StreamsReflection.Descriptor.Services[0],
        OperatorAdminReflection.Descriptor.Services[0],
    ];

    /// <summary>Every method of every service.</summary>
    public static IReadOnlyList<MethodDescriptor> Methods { get; } = [.. Services.SelectMany(s => s.Methods)];

    private static readonly MethodInfo Unary = typeof(GrpcClient).GetMethod(nameof(GrpcClient.UnaryAsync))!;
    private static readonly MethodInfo Streaming = typeof(GrpcClient).GetMethod(nameof(GrpcClient.ServerStreaming))!;

    /// <summary>Calls <paramref name="method"/>; a streaming call is ended after its first message (or after 3 s without one).</summary>
    public static async Task<CallOutcome> InvokeAsync(GrpcClient client, MethodDescriptor method, IMessage request, Metadata? headers)
    {
        var path = GrpcClient.PathOf(method);
        var types = new[] { method.InputType.ClrType, method.OutputType.ClrType };
        try
        {
            if (!method.IsServerStreaming)
            {
                var task = (Task)Unary.MakeGenericMethod(types).Invoke(client, [path, request, headers, DateTimeOffset.UtcNow.AddSeconds(30), CancellationToken.None])!;
                await task;
                return new CallOutcome(StatusCode.OK, string.Empty, new Metadata(), (IMessage)task.GetType().GetProperty("Result")!.GetValue(task)!);
            }

            using var stop = new CancellationTokenSource();
            var stream = (IAsyncEnumerable<IMessage>)Streaming.MakeGenericMethod(types).Invoke(client, [path, request, headers, DateTimeOffset.UtcNow.AddSeconds(3), stop.Token])!;
            await foreach (var first in stream)
            {
                await stop.CancelAsync();
                return new CallOutcome(StatusCode.OK, string.Empty, new Metadata(), first);
            }

            return new CallOutcome(StatusCode.OK, string.Empty, new Metadata(), null);
        }
        catch (RpcException ex)
        {
            return new CallOutcome(ex.StatusCode, ex.Status.Detail, ex.Trailers, null);
        }
    }
}
