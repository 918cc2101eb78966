using Google.Protobuf.Reflection;

namespace PerpStudio.Grpc.Server;

/// <summary>The four shapes of a gRPC call.</summary>
public enum MethodKind
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>Streams both ways at once.</summary>
    DuplexStreaming,
}

/// <summary>What a call filter knows about the method being called.</summary>
public sealed class GrpcMethodInfo
{
    internal GrpcMethodInfo(MethodDescriptor descriptor)
    {
        Descriptor = descriptor;
        ServiceName = descriptor.Service.FullName;
        MethodName = descriptor.Name;
        Path = $"/{ServiceName}/{MethodName}";
        Kind = KindOf(descriptor);
    }

    /// <summary>The fully-qualified service name, e.g. <c>perpstudio.trading.v1.Trading</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The method name, e.g. <c>PlaceOrder</c>.</summary>
    public string MethodName { get; }

    /// <summary>The HTTP/2 path, <c>/{ServiceName}/{MethodName}</c>.</summary>
    public string Path { get; }

    /// <summary>The call shape.</summary>
    public MethodKind Kind { get; }

    /// <summary>The protobuf descriptor (input and output types, options).</summary>
    public MethodDescriptor Descriptor { get; }

    /// <inheritdoc/>
    public override string ToString() => Path;

    internal static MethodKind KindOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodKind.Unary,
        (false, true) => MethodKind.ServerStreaming,
        (true, false) => MethodKind.ClientStreaming,
        (true, true) => MethodKind.DuplexStreaming,
    };
}
