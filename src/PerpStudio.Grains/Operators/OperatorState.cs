using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Operators;

/// <summary>The operator grain's stored state.</summary>
public sealed record OperatorState
{
    /// <summary>The configuration, or null before the first change.</summary>
    public OperatorConfig? Config { get; init; }

    /// <summary>The branding, or null for the default.</summary>
    public OperatorBranding? Branding { get; init; }
}
