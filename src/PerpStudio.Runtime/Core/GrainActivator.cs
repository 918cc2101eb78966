using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Runtime.Core;

/// <summary>
/// Constructs grain instances: picks the public constructor with the most parameters once, then resolves each
/// parameter per activation: <see cref="IGrainContext"/>, <see cref="IGrainFactory"/>, <see cref="PersistentStateAttribute"/>
/// states (registered with the activation so they are read before its first turn), or a service.
/// </summary>
internal sealed class GrainActivator
{
    private static readonly MethodInfo CreateStateMethod =
        typeof(GrainActivator).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConstructorInfo _constructor;
    private readonly Func<GrainActivation, IServiceProvider, object?>[] _parameters;

    public GrainActivator(Type classType)
    {
        _constructor = classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"grain class {classType.Name} has no public constructor");
        _parameters = _constructor.GetParameters().Select(p => ResolverFor(classType, p)).ToArray();
    }

    public Grain Create(GrainActivation activation, IServiceProvider services)
    {
        var arguments = new object?[_parameters.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _parameters[i](activation, services);
        }

        try
        {
            return (Grain)_constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The constructor's own exception is the one the caller should see.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static Func<GrainActivation, IServiceProvider, object?> ResolverFor(Type classType, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var persistent = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (persistent is not null)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new ArgumentException($"parameter {parameter.Name} of {classType.Name} has [PersistentState] but is not an IPersistentState<T>");
            }

            var create = CreateStateMethod.MakeGenericMethod(type.GetGenericArguments()[0])
                .CreateDelegate<Func<GrainActivation, IServiceProvider, PersistentStateAttribute, object>>();
            return (activation, services) => create(activation, services, persistent);
        }

        if (type == typeof(IGrainContext))
        {
            return static (activation, _) => activation;
        }

        if (type == typeof(IGrainFactory))
        {
            return static (activation, _) => activation.Runtime;
        }

        return (_, services) => services.GetService(type)
            ?? (parameter.HasDefaultValue
                ? parameter.DefaultValue
                : throw new InvalidOperationException($"cannot construct {classType.Name}: no service registered for parameter {parameter.Name} ({type.Name})"));
    }

    private static object CreateState<TState>(GrainActivation activation, IServiceProvider services, PersistentStateAttribute attribute)
    {
        var state = services.GetRequiredService<PersistentStateFactory>()
            .Create<TState>(activation.GrainId, attribute.StateName, attribute.StorageName);
        activation.AddState((IActivationState)state);
        return state;
    }
}
