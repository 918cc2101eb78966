using System.Reflection;

namespace PerpStudio.Runtime.Core;

/// <summary>
/// The base of generated grain references: <see cref="DispatchProxy"/> derives a class implementing the grain
/// interface whose methods land in <see cref="Invoke"/>, which hands them to the method's cached dispatcher.
/// </summary>
#pragma warning disable CA1852 // DispatchProxy derives from this class at run time, so it cannot be sealed
internal class GrainReferenceProxy : DispatchProxy, IGrainReference
#pragma warning restore CA1852
{
    private GrainRuntime? _runtime;
    private GrainInterface? _interface;

    public GrainId GrainId { get; private set; }

    public static TGrainInterface Create<TGrainInterface>(GrainRuntime runtime, GrainInterface grainInterface, GrainId grainId)
    {
        var proxy = Create<TGrainInterface, GrainReferenceProxy>();
        var reference = (GrainReferenceProxy)(object)proxy!;
        reference._runtime = runtime;
        reference._interface = grainInterface;
        reference.GrainId = grainId;
        return proxy;
    }

    /// <summary>Grain references compare equal when they name the same grain.</summary>
    public override bool Equals(object? obj) => obj is GrainReferenceProxy other && other.GrainId == GrainId;

    /// <inheritdoc/>
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => $"GrainReference({GrainId})";

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var dispatcher = _interface!.Dispatcher(targetMethod);
        return dispatcher.Invoke(_runtime!, GrainId, _interface.Class, args ?? []);
    }
}
