using PerpStudio.Runtime;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// One venue leg id and the leg it was first recorded for (key: the leg id). First writer wins: a leg id once bound
/// to an owner and a venue keeps that binding, so a fill naming it reaches the same account from any member.
/// </summary>
public interface IRoutedLegGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="leg"/> unless a leg is already recorded; returns the stored one.</summary>
    Task<LegClaim> ClaimAsync(RoutedLeg leg);

    /// <summary>The stored leg, or null.</summary>
    Task<RoutedLeg?> GetAsync();
}

/// <summary>The leg grain's stored state.</summary>
public sealed record RoutedLegState
{
    /// <summary>The leg, once recorded.</summary>
    public RoutedLeg? Leg { get; init; }
}

/// <summary>The leg grain: one durable write when first claimed, none after.</summary>
public sealed class RoutedLegGrain(
    [PersistentState("leg", Abstractions.GrainKeys.Storage)] IPersistentState<RoutedLegState> state) : Grain, IRoutedLegGrain
{
    /// <inheritdoc />
    public async Task<LegClaim> ClaimAsync(RoutedLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (leg.LegId.Value is null || Uri.EscapeDataString(leg.LegId.Value) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"leg {leg.LegId} cannot be recorded under key {this.GetPrimaryKeyString()}", nameof(leg));
        }

        if (state.State.Leg is { } stored)
        {
            return new LegClaim(stored, IsNew: false);
        }

        state.State = new RoutedLegState { Leg = leg };
        await state.WriteStateAsync();
        return new LegClaim(leg, IsNew: true);
    }

    /// <inheritdoc />
    public Task<RoutedLeg?> GetAsync() => Task.FromResult(state.State.Leg);
}
