using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PerpStudio.Grpc.Server;

/// <summary>
/// Binds handlers to the methods of a protobuf service descriptor. The message parsers come from the
/// descriptor; a handler whose call shape or message types do not match its method is refused at once,
/// and <see cref="Build"/> refuses a service with any method left unbound, naming each.
/// </summary>
/// <example>
/// <code>
/// var service = ServiceBinder.For(TradingReflection.Descriptor.FindTypeByName&lt;ServiceDescriptor&gt;("Trading"))
///     .Unary&lt;PlaceOrderRequest, PlaceOrderReply&gt;("PlaceOrder", (request, context) =&gt; trading.PlaceAsync(request, context))
///     .ServerStreaming&lt;WatchFillsRequest, Fill&gt;("WatchFills", trading.WatchFillsAsync)
///     .Build();
/// </code>
/// </example>
public sealed class ServiceBinder
{
    private readonly Dictionary<string, BoundMethod> _bound = new(StringComparer.Ordinal);

    private ServiceBinder(ServiceDescriptor service) => Service = service;

    /// <summary>The service being bound.</summary>
    public ServiceDescriptor Service { get; }

    /// <summary>The names of methods without a handler yet, in declaration order.</summary>
    public IReadOnlyList<string> UnboundMethods => Service.Methods.Where(m => !_bound.ContainsKey(m.Name)).Select(m => m.Name).ToList();

    /// <summary>Starts binding <paramref name="service"/>.</summary>
    public static ServiceBinder For(ServiceDescriptor service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new ServiceBinder(service);
    }

    /// <summary>Binds a unary method: one request, one response.</summary>
    public ServiceBinder Unary<TRequest, TResponse>(string methodName, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Resolve<TRequest, TResponse>(methodName, MethodKind.Unary);
        var parser = method.InputType.Parser;
        return Bind(method, async (call, context) =>
        {
            var request = (TRequest)await call.ReadSingleRequestAsync(parser);
            var response = await handler(request, context) ?? throw NullResponse(method);
            await call.WriteMessageAsync(response, context.CancellationToken);
        });
    }

    /// <summary>Binds a server-streaming method: one request, responses written to the stream.</summary>
    public ServiceBinder ServerStreaming<TRequest, TResponse>(
        string methodName, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Resolve<TRequest, TResponse>(methodName, MethodKind.ServerStreaming);
        var parser = method.InputType.Parser;
        return Bind(method, async (call, context) =>
        {
            var request = (TRequest)await call.ReadSingleRequestAsync(parser);
            await handler(request, new ResponseStreamWriter<TResponse>(call), context);
        });
    }

    /// <summary>Binds a client-streaming method: requests read from the stream, one response.</summary>
    public ServiceBinder ClientStreaming<TRequest, TResponse>(
        string methodName, Func<IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Resolve<TRequest, TResponse>(methodName, MethodKind.ClientStreaming);
        var parser = method.InputType.Parser;
        return Bind(method, async (call, context) =>
        {
            var response = await handler(new RequestStreamReader<TRequest>(call, parser), context) ?? throw NullResponse(method);
            await call.WriteMessageAsync(response, context.CancellationToken);
        });
    }

    /// <summary>Binds a bidirectional-streaming method.</summary>
    public ServiceBinder DuplexStreaming<TRequest, TResponse>(
        string methodName, Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Resolve<TRequest, TResponse>(methodName, MethodKind.DuplexStreaming);
        var parser = method.InputType.Parser;
        return Bind(method, (call, context) =>
            handler(new RequestStreamReader<TRequest>(call, parser), new ResponseStreamWriter<TResponse>(call), context));
    }

    /// <summary>Throws <see cref="GrpcBindingException"/> naming every method that has no handler.</summary>
    public void Validate()
    {
        var unbound = UnboundMethods;
        if (unbound.Count > 0)
        {
            throw new GrpcBindingException(
                $"Service {Service.FullName} has methods without a handler: {string.Join(", ", unbound)}");
        }
    }

    /// <summary>Validates and returns the finished service, ready to map.</summary>
    public ServiceDefinition Build()
    {
        Validate();
        return new ServiceDefinition(Service, new Dictionary<string, BoundMethod>(_bound, StringComparer.Ordinal));
    }

    private MethodDescriptor Resolve<TRequest, TResponse>(string methodName, MethodKind kind)
    {
        var method = Service.FindMethodByName(methodName)
            ?? throw new GrpcBindingException($"Service {Service.FullName} has no method '{methodName}'");
        var actual = GrpcMethodInfo.KindOf(method);
        if (actual != kind)
        {
            throw new GrpcBindingException($"{Service.FullName}/{methodName} is {actual} but was bound as {kind}");
        }

        CheckType(method, "request", method.InputType, typeof(TRequest));
        CheckType(method, "response", method.OutputType, typeof(TResponse));
        if (_bound.ContainsKey(methodName))
        {
            throw new GrpcBindingException($"{Service.FullName}/{methodName} is already bound");
        }

        return method;
    }

    private static void CheckType(MethodDescriptor method, string role, MessageDescriptor expected, Type given)
    {
        if (expected.ClrType != given)
        {
            throw new GrpcBindingException(
                $"{method.Service.FullName}/{method.Name} takes {role} {expected.FullName} ({expected.ClrType?.FullName}) but the handler uses {given.FullName}");
        }
    }

    private ServiceBinder Bind(MethodDescriptor method, Func<GrpcServerCall, ServerCallContext, Task> invoke)
    {
        _bound.Add(method.Name, new BoundMethod(new GrpcMethodInfo(method), invoke));
        return this;
    }

    private static InvalidOperationException NullResponse(MethodDescriptor method) =>
        new($"The handler of {method.Service.FullName}/{method.Name} returned null instead of a response");
}
