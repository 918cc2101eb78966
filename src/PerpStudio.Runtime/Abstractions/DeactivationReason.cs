namespace PerpStudio.Runtime;

/// <summary>Why an activation is being deactivated (Orleans: <c>DeactivationReasonCode</c>).</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The runtime is shutting down or was asked to drop every activation.</summary>
    ShuttingDown,

    /// <summary>The activation was idle longer than the collection age.</summary>
    ActivationIdle,

    /// <summary>The grain asked for it (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    ApplicationRequested,

    /// <summary>A grain method failed in a way that requires fresh state (a stale ETag).</summary>
    ApplicationError,
}

/// <summary>The reason passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
/// <param name="ReasonCode">The kind of reason.</param>
/// <param name="Description">A human-readable description.</param>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    /// <summary>Formats as <c>code: description</c>.</summary>
    public override string ToString() => $"{ReasonCode}: {Description}";
}
