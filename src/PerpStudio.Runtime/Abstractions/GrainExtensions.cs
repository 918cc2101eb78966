namespace PerpStudio.Runtime;

/// <summary>Identity accessors on grains and grain references (Orleans: <c>GrainExtensions</c>).</summary>
public static class GrainExtensions
{
    /// <summary>The grain id of a grain instance or a grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain switch
        {
            Grain g => g.GrainContext.GrainId,
            IGrainReference r => r.GrainId,
            _ => throw new ArgumentException($"{grain.GetType()} is neither a grain nor a grain reference.", nameof(grain)),
        };
    }

    /// <summary>The string key of a grain instance or a grain reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;
}

/// <summary>Implemented by grain references (the proxies returned by <see cref="IGrainFactory.GetGrain{TGrainInterface}"/>).</summary>
public interface IGrainReference
{
    /// <summary>The referenced grain.</summary>
    GrainId GrainId { get; }
}
