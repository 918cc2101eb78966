using System.Collections.Frozen;
using System.Reflection;

namespace PerpStudio.Runtime.Core;

/// <summary>A registered grain class: its grain type name and how to construct it.</summary>
internal sealed class GrainClass
{
    public GrainClass(Type classType)
    {
        ClassType = classType;
        GrainType = classType.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? DefaultGrainType(classType);
        Activator = new GrainActivator(classType);
    }

    public Type ClassType { get; }

    public string GrainType { get; }

    public GrainActivator Activator { get; }

    private static string DefaultGrainType(Type classType)
    {
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}

/// <summary>A registered grain interface: its implementation and a dispatcher per method.</summary>
internal sealed class GrainInterface
{
    private readonly FrozenDictionary<MethodInfo, MethodDispatcher> _methods;

    public GrainInterface(Type interfaceType, GrainClass grainClass)
    {
        InterfaceType = interfaceType;
        Class = grainClass;
        var methods = new[] { interfaceType }.Concat(interfaceType.GetInterfaces())
            .Where(i => i != typeof(IGrainWithStringKey) && i != typeof(IGrain) && i != typeof(IAddressable))
            .SelectMany(i =>
            {
                if (i.GetProperties().Length > 0 || i.GetEvents().Length > 0)
                {
                    throw new ArgumentException($"grain interface {i.Name} declares properties or events; grain interfaces declare methods only");
                }

                return i.GetMethods();
            });
        _methods = methods.ToFrozenDictionary(m => m, MethodDispatcher.Create);
    }

    public Type InterfaceType { get; }

    public GrainClass Class { get; }

    /// <summary>Every method callable through this interface (its own and those of the interfaces it extends).</summary>
    public IEnumerable<MethodInfo> Methods => _methods.Keys;

    public MethodDispatcher Dispatcher(MethodInfo method) =>
        _methods.TryGetValue(method, out var dispatcher)
            ? dispatcher
            : throw new ArgumentException($"{method.DeclaringType?.Name}.{method.Name} is not a method of grain interface {InterfaceType.Name}");
}

/// <summary>The interface-to-class mapping built by <see cref="Hosting.GrainRuntimeBuilder"/>.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainInterface> _interfaces = [];
    private readonly Dictionary<Type, GrainClass> _classes = [];
    private readonly Dictionary<string, GrainClass> _grainTypes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Add(Type interfaceType, Type classType)
    {
        if (!interfaceType.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(interfaceType))
        {
            throw new ArgumentException($"{interfaceType.Name} is not a grain interface: it must be an interface extending IGrainWithStringKey");
        }

        if (classType.IsAbstract || !typeof(Grain).IsAssignableFrom(classType) || !interfaceType.IsAssignableFrom(classType))
        {
            throw new ArgumentException($"{classType.Name} cannot implement {interfaceType.Name}: it must be a concrete Grain class implementing it");
        }

        lock (_lock)
        {
            if (_interfaces.TryGetValue(interfaceType, out var existing))
            {
                if (existing.Class.ClassType == classType)
                {
                    return;
                }

                throw new ArgumentException($"{interfaceType.Name} is already implemented by {existing.Class.ClassType.Name}");
            }

            if (!_classes.TryGetValue(classType, out var grainClass))
            {
                grainClass = new GrainClass(classType);
                if (_grainTypes.TryGetValue(grainClass.GrainType, out var clash))
                {
                    throw new ArgumentException($"grain type name '{grainClass.GrainType}' of {classType.Name} is taken by {clash.ClassType.Name}; name one with [GrainType]");
                }

                _classes.Add(classType, grainClass);
                _grainTypes.Add(grainClass.GrainType, grainClass);
            }

            _interfaces.Add(interfaceType, new GrainInterface(interfaceType, grainClass));
        }
    }

    /// <summary>A snapshot of every registered grain interface (a transport resolves forwarded calls against it).</summary>
    public IReadOnlyList<GrainInterface> Interfaces()
    {
        lock (_lock)
        {
            return [.. _interfaces.Values];
        }
    }

    public GrainInterface Get(Type interfaceType)
    {
        lock (_lock)
        {
            return _interfaces.TryGetValue(interfaceType, out var grainInterface)
                ? grainInterface
                : throw new ArgumentException($"no grain implements {interfaceType.Name}: register one with AddGrain<{interfaceType.Name}, TGrain>()");
        }
    }
}
