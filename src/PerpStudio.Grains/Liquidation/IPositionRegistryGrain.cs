using System.Collections.Immutable;
using PerpStudio.Domain.Orders;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// The persisted list of who holds positions in a market (key: market symbol). The liquidation index is process memory;
/// after a restart the index is rebuilt by re-reading every holder listed here, and funding charges every holder listed
/// here. It calls no grain.
/// </summary>
public interface IPositionRegistryGrain : IGrainWithStringKey
{
    /// <summary>Applies holders that appeared or left, in order.</summary>
    Task ApplyAsync(ImmutableArray<RegistryChange> changes);

    /// <summary>The holders now, sorted.</summary>
    Task<ImmutableArray<PositionHolder>> GetHoldersAsync();
}

/// <summary>The registry's stored state: holders as "accountKey|Mode".</summary>
public sealed record PositionRegistryState
{
    /// <summary>The holders.</summary>
    public ImmutableSortedSet<string> Holders { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}

/// <summary>The registry grain.</summary>
public sealed class PositionRegistryGrain(
    [PersistentState("holders", Abstractions.GrainKeys.Storage)] IPersistentState<PositionRegistryState> state) : Grain, IPositionRegistryGrain
{
    /// <inheritdoc />
    public async Task ApplyAsync(ImmutableArray<RegistryChange> changes)
    {
        var holders = state.State.Holders;
        foreach (var change in changes)
        {
            var text = $"{change.Holder.AccountKey}|{change.Holder.Mode}";
            holders = change.Added ? holders.Add(text) : holders.Remove(text);
        }

        if (holders != state.State.Holders)
        {
            state.State = new PositionRegistryState { Holders = holders };
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<PositionHolder>> GetHoldersAsync() =>
        Task.FromResult(state.State.Holders.Select(Parse).ToImmutableArray());

    private static PositionHolder Parse(string text)
    {
        var bar = text.LastIndexOf('|');
        return new PositionHolder(text[..bar], Enum.Parse<MarginMode>(text[(bar + 1)..]));
    }
}
