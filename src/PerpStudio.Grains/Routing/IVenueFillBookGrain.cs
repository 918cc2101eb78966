using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// What the platform holds at one operator's venue account (key: <see cref="RoutingGrainKeys.Checkpoint"/>'s shape,
/// <c>operator/venue</c>): the signed position per market summed over every fill applied once, and the recent fills that
/// explain a difference with the venue. Every member's fill feed writes here, so reconciliation on any member compares
/// the venue with the whole platform, and a restart forgets nothing.
/// </summary>
public interface IVenueFillBookGrain : IGrainWithStringKey
{
    /// <summary>Adds a fill to its market's position once; false when the fill id was applied before.</summary>
    Task<bool> ApplyAsync(AppliedFill fill);

    /// <summary>The signed position in <paramref name="market"/>.</summary>
    Task<Quantity> GetPositionAsync(MarketId market);

    /// <summary>The markets in which anything was held.</summary>
    Task<ImmutableArray<MarketId>> GetMarketsAsync();

    /// <summary>The applied fills of <paramref name="market"/> executed at or after <paramref name="since"/> (within the retention).</summary>
    Task<ImmutableArray<AppliedFill>> GetFillsAsync(MarketId market, DateTimeOffset since);
}

/// <summary>The fill book's stored state.</summary>
public sealed record VenueFillBookState
{
    /// <summary>The signed position per market symbol.</summary>
    public ImmutableSortedDictionary<string, Quantity> Positions { get; init; } = ImmutableSortedDictionary.Create<string, Quantity>(StringComparer.Ordinal);

    /// <summary>The fills of the retention window, oldest first.</summary>
    public ImmutableList<AppliedFill> Recent { get; init; } = [];
}

/// <summary>The fill book grain.</summary>
public sealed class VenueFillBookGrain(
    [PersistentState("fills", Abstractions.GrainKeys.Storage)] IPersistentState<VenueFillBookState> state) : Grain, IVenueFillBookGrain
{
    /// <summary>
    /// How long applied fills are kept, counted back from the newest: longer than the fill feed's recovery lookback and
    /// reconciliation's fill window (one day), the only ways an applied fill can be handed over again.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    /// <inheritdoc />
    public async Task<bool> ApplyAsync(AppliedFill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var current = state.State;
        if (current.Recent.Any(f => f.FillId == fill.FillId))
        {
            return false;
        }

        var symbol = fill.Market.Symbol;
        var position = current.Positions.GetValueOrDefault(symbol, Quantity.Zero) + fill.SignedSize;
        var newest = current.Recent.Count > 0 && current.Recent[^1].Time > fill.Time ? current.Recent[^1].Time : fill.Time;
        var recent = current.Recent.Add(fill).Sort((a, b) => a.Time.CompareTo(b.Time)).RemoveAll(f => f.Time < newest - Retention);
        state.State = new VenueFillBookState { Positions = current.Positions.SetItem(symbol, position), Recent = recent };
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<Quantity> GetPositionAsync(MarketId market) => Task.FromResult(state.State.Positions.GetValueOrDefault(market.Symbol, Quantity.Zero));

    /// <inheritdoc />
    public Task<ImmutableArray<MarketId>> GetMarketsAsync() =>
        Task.FromResult(state.State.Positions.Keys.Select(s => new MarketId(s)).ToImmutableArray());

    /// <inheritdoc />
    public Task<ImmutableArray<AppliedFill>> GetFillsAsync(MarketId market, DateTimeOffset since) =>
        Task.FromResult(state.State.Recent.Where(f => f.Market == market && f.Time >= since).ToImmutableArray());
}
