using PerpStudio.Runtime.Hosting;

namespace PerpStudio.Grains.Routing;

/// <summary>Registers the routing grains: legs, their wire aliases, orders, fill checkpoints, fill books and the linked-operators registry.</summary>
public static class RoutingGrainsRegistration
{
    /// <summary>
    /// Adds the grains behind <see cref="GrainRoutedOrderDirectory"/>, <see cref="GrainFillCheckpoints"/>, <see cref="GrainFillBook"/> and
    /// <see cref="ILinkedOperatorsGrain"/> (storage named <see cref="Abstractions.GrainKeys.Storage"/>).
    /// </summary>
    public static GrainRuntimeBuilder AddRoutingGrains(this GrainRuntimeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddGrain<IRoutedLegGrain, RoutedLegGrain>()
            .AddGrain<IRoutedLegAliasGrain, RoutedLegAliasGrain>()
            .AddGrain<IRoutedOrderGrain, RoutedOrderGrain>()
            .AddGrain<IFillCheckpointGrain, FillCheckpointGrain>()
            .AddGrain<IVenueFillBookGrain, VenueFillBookGrain>()
            .AddGrain<ILinkedOperatorsGrain, LinkedOperatorsGrain>();
    }
}
