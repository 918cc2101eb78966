namespace PerpStudio.Runtime.Placement;

/// <summary>
/// Decides which member of a deployment owns a grain. The runtime activates grains it owns and forwards calls to
/// other grains through <see cref="IRemoteGrainInvoker"/>. Every member must compute the same owner for a grain.
/// </summary>
public interface IGrainPlacement
{
    /// <summary>This process's member number.</summary>
    int LocalMember { get; }

    /// <summary>The member that owns <paramref name="grainId"/>.</summary>
    /// <param name="grainId">The grain.</param>
    int GetOwner(GrainId grainId);
}

/// <summary>The single-process default: this process (member 0) owns every grain.</summary>
public sealed class LocalGrainPlacement : IGrainPlacement
{
    /// <summary>The one instance.</summary>
    public static LocalGrainPlacement Instance { get; } = new();

    private LocalGrainPlacement()
    {
    }

    /// <inheritdoc/>
    public int LocalMember => 0;

    /// <inheritdoc/>
    public int GetOwner(GrainId grainId) => 0;
}
