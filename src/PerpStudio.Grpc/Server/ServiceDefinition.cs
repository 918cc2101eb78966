using Google.Protobuf.Reflection;

namespace PerpStudio.Grpc.Server;

/// <summary>A service whose every method has a handler; made by <see cref="ServiceBinder.Build"/>.</summary>
public sealed class ServiceDefinition
{
    internal ServiceDefinition(ServiceDescriptor descriptor, IReadOnlyDictionary<string, BoundMethod> methods)
    {
        Descriptor = descriptor;
        BoundMethods = methods;
    }

    /// <summary>The protobuf service descriptor.</summary>
    public ServiceDescriptor Descriptor { get; }

    /// <summary>The fully-qualified service name.</summary>
    public string Name => Descriptor.FullName;

    /// <summary>The bound methods, in declaration order.</summary>
    public IEnumerable<GrpcMethodInfo> Methods => Descriptor.Methods.Select(m => BoundMethods[m.Name].Info);

    internal IReadOnlyDictionary<string, BoundMethod> BoundMethods { get; }
}

/// <summary>One method with its handler, wrapped to read requests and write responses for its call shape.</summary>
internal sealed class BoundMethod(GrpcMethodInfo info, Func<GrpcServerCall, ServerCallContext, Task> invoke)
{
    public GrpcMethodInfo Info { get; } = info;

    public Func<GrpcServerCall, ServerCallContext, Task> Invoke { get; } = invoke;
}
