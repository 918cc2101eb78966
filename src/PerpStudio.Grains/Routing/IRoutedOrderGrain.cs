using System.Collections.Immutable;
using PerpStudio.Domain.Orders;
using PerpStudio.Runtime;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// One trader's order as routed (key: <see cref="RoutingGrainKeys.Order"/> of the platform order id): every leg recorded
/// for it, which cancels and modifies act on whichever member serves them, and the trader's own client order id, under
/// which a fill for it is handed to the account, whichever member receives the fill and however late.
/// </summary>
public interface IRoutedOrderGrain : IGrainWithStringKey
{
    /// <summary>Records the trader's client order id (the first recorded one stays).</summary>
    Task RecordTraderOrderIdAsync(ClientOrderId traderOrderId);

    /// <summary>The trader's client order id, or null when none was recorded.</summary>
    Task<ClientOrderId?> GetTraderOrderIdAsync();

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

    /// <summary>The trader's client order id.</summary>
    public ClientOrderId? TraderOrderId { get; init; }
}

/// <summary>The order grain.</summary>
public sealed class RoutedOrderGrain(
    [PersistentState("legs", Abstractions.GrainKeys.Storage)] IPersistentState<RoutedOrderState> state) : Grain, IRoutedOrderGrain
{
    /// <inheritdoc />
    public async Task RecordTraderOrderIdAsync(ClientOrderId traderOrderId)
    {
        if (string.IsNullOrEmpty(traderOrderId.Value))
        {
            throw new ArgumentException("the trader's client order id is empty", nameof(traderOrderId));
        }

        if (state.State.TraderOrderId is null)
        {
            state.State = state.State with { TraderOrderId = traderOrderId };
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<ClientOrderId?> GetTraderOrderIdAsync() => Task.FromResult(state.State.TraderOrderId);

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
            state.State = state.State with { Legs = added };
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<RoutedLeg>> GetLegsAsync() => Task.FromResult(state.State.Legs.IsDefault ? [] : state.State.Legs);
}
