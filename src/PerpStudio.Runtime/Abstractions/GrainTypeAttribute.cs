namespace PerpStudio.Runtime;

/// <summary>
/// Names the grain type of a grain class (used in grain ids and storage keys). Without it the name is the class
/// name, lower-cased, without a trailing "Grain": <c>AccountGrain</c> becomes <c>account</c>.
/// </summary>
/// <param name="grainType">The grain type name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string GrainType { get; } = grainType;
}
