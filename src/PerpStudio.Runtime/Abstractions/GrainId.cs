namespace PerpStudio.Runtime;

/// <summary>
/// The identity of a grain: its grain type name (e.g. <c>account</c>) and its key (e.g. <c>op1/trader7</c>).
/// </summary>
/// <param name="Type">The grain type name, from <see cref="GrainTypeAttribute"/> or the class name without "Grain".</param>
/// <param name="Key">The primary key string.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Formats as <c>type/key</c>, like Orleans.</summary>
    public override string ToString() => $"{Type}/{Key}";
}
