namespace PerpStudio.Runtime;

/// <summary>The activation a grain instance lives in (Orleans: <c>IGrainContext</c>).</summary>
public interface IGrainContext
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>The grain instance, once constructed.</summary>
    object? GrainInstance { get; }

    /// <summary>Asks the runtime to deactivate this activation once the current turn and the turns already queued complete.</summary>
    void Deactivate(DeactivationReason reason);
}
