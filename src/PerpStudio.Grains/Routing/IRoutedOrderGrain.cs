using System.Collections.Immutable;
using PerpStudio.Runtime;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// Every leg recorded for one trader's order (key: <see cref="RoutingGrainKeys.Order"/>): what cancels and modifies act
/// on, whichever member serves them.
/// </summary>
public interface IRoutedOrderGrain : IGrainWithStringKey
{
    /// <summary>Adds legs not yet listed (by leg id); a leg listed already is left as it is.</summary>
    Task AddAsync(ImmutableArray<RoutedLeg> legs);

    /// <summary>The legs, in the order first listed.</summary>
    Task<ImmutableArray<RoutedLeg>> GetLegsAsync();
}

/// <summary>The order grain's stored state.</summary>
public sealed record RoutedOrderState
{
    /// <summary>The legs.</summary>
    public ImmutableArray<RoutedLeg> Legs { get; init; } = [];
}

/// <summary>The order grain.</summary>
public sealed class RoutedOrderGrain(
    [PersistentState("legs", Abstractions.GrainKeys.Storage)] IPersistentState<RoutedOrderState> state) : Grain, IRoutedOrderGrain
{
    /// <inheritdoc />
    public async Task AddAsync(ImmutableArray<RoutedLeg> legs)
    {
        var listed = state.State.Legs.IsDefault ? [] : state.State.Legs;
        var added = listed;
        foreach (var leg in legs.IsDefault ? [] : legs)
        {
            if (!added.Any(l => l.LegId == leg.LegId))
            {
                added = added.Add(leg);
            }
        }

        if (added.Length != listed.Length)
        {
            state.State = new RoutedOrderState { Legs = added };
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<RoutedLeg>> GetLegsAsync() => Task.FromResult(state.State.Legs.IsDefault ? [] : state.State.Legs);
}
