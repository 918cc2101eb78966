using System.Linq.Expressions;
using System.Reflection;

namespace PerpStudio.Runtime.Core;

/// <summary>How one grain interface method is called: a compiled invoker (no reflection per call) and its return shape.</summary>
internal abstract class MethodDispatcher
{
    protected MethodDispatcher(MethodInfo method, ReturnShape shape)
    {
        Method = method;
        Shape = shape;
        Invoker = CompileInvoker(method, shape);
    }

    internal enum ReturnShape
    {
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    public MethodInfo Method { get; }

    public ReturnShape Shape { get; }

    /// <summary>Calls the method on a grain instance; ValueTask results are turned into tasks.</summary>
    public Func<object, object?[], Task> Invoker { get; }

    /// <summary>Builds the dispatcher, or says precisely why the method cannot be a grain method.</summary>
    public static MethodDispatcher Create(MethodInfo method)
    {
        var name = $"{method.DeclaringType!.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"grain method {name} is generic; grain methods must not be");
        }

        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new ArgumentException($"grain method {name} has a ref/out/in parameter; grain methods take values only");
        }

        var returnType = method.ReturnType;
        var (shape, resultType) = returnType switch
        {
            _ when returnType == typeof(Task) => (ReturnShape.Task, typeof(object)),
            _ when returnType == typeof(ValueTask) => (ReturnShape.ValueTask, typeof(object)),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (ReturnShape.TaskOfT, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (ReturnShape.ValueTaskOfT, returnType.GetGenericArguments()[0]),
            _ => throw new ArgumentException(
                $"grain method {name} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>"),
        };

        var dispatcherType = typeof(MethodDispatcher<>).MakeGenericType(resultType);
        return (MethodDispatcher)Activator.CreateInstance(dispatcherType, method, shape)!;
    }

    /// <summary>The proxy path: starts the call and returns what the interface method returns.</summary>
    public abstract object Invoke(GrainRuntime runtime, GrainId grainId, GrainClass grainClass, object?[] arguments);

    /// <summary>The path of a call forwarded from another member: always local, result boxed.</summary>
    public abstract Task<object?> InvokeLocalBoxedAsync(GrainRuntime runtime, GrainId grainId, GrainClass grainClass, object?[] arguments);

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method, ReturnShape shape)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        if (shape is ReturnShape.ValueTask or ReturnShape.ValueTaskOfT)
        {
            call = Expression.Call(call, method.ReturnType.GetMethod(nameof(ValueTask.AsTask))!);
        }

        return Expression.Lambda<Func<object, object?[], Task>>(call, grain, arguments).Compile();
    }
}

/// <summary>A dispatcher for a method whose result is <typeparamref name="T"/> (object for methods without a result).</summary>
internal sealed class MethodDispatcher<T>(MethodInfo method, MethodDispatcher.ReturnShape shape) : MethodDispatcher(method, shape)
{
    private readonly bool _hasResult = shape is ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT;

    public T ResultOf(Task completed) => _hasResult ? ((Task<T>)completed).Result : default!;

    public T Unbox(object? result) => _hasResult ? (T)result! : default!;

    public override object Invoke(GrainRuntime runtime, GrainId grainId, GrainClass grainClass, object?[] arguments)
    {
        var response = runtime.CallAsync(this, grainId, grainClass, arguments);
        return Shape switch
        {
            ReturnShape.ValueTask => new ValueTask(response),
            ReturnShape.ValueTaskOfT => new ValueTask<T>(response),
            _ => response,
        };
    }

    public override async Task<object?> InvokeLocalBoxedAsync(GrainRuntime runtime, GrainId grainId, GrainClass grainClass, object?[] arguments) =>
        await runtime.CallLocalAsync(this, grainId, grainClass, arguments);
}
