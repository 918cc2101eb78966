using PerpStudio.Runtime;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// One venue's wire alias of a leg id (<see cref="RoutedLeg.WireAlias"/>) and the leg it was first recorded for (key:
/// the alias, see <see cref="RoutingGrainKeys.Alias"/>). First writer wins, as for the leg itself, so a fill the venue
/// reports under the alias reaches the leg's account from any member, after any restart.
/// </summary>
public interface IRoutedLegAliasGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="leg"/> under its alias unless a leg is already recorded; returns the stored one.</summary>
    Task<RoutedLeg> ClaimAsync(RoutedLeg leg);

    /// <summary>The stored leg, or null.</summary>
    Task<RoutedLeg?> GetAsync();
}

/// <summary>The alias grain: one durable write when first claimed, none after.</summary>
public sealed class RoutedLegAliasGrain(
    [PersistentState("alias", Abstractions.GrainKeys.Storage)] IPersistentState<RoutedLegState> state) : Grain, IRoutedLegAliasGrain
{
    /// <inheritdoc />
    public async Task<RoutedLeg> ClaimAsync(RoutedLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (leg.WireAlias is not { Value: not null } alias || RoutingGrainKeys.Alias(alias) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"leg {leg.LegId} with alias {leg.WireAlias} cannot be recorded under key {this.GetPrimaryKeyString()}", nameof(leg));
        }

        if (state.State.Leg is { } stored)
        {
            return stored;
        }

        state.State = new RoutedLegState { Leg = leg };
        await state.WriteStateAsync();
        return leg;
    }

    /// <inheritdoc />
    public Task<RoutedLeg?> GetAsync() => Task.FromResult(state.State.Leg);
}
