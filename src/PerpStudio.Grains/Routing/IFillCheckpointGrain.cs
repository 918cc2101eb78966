using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Fills;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// The time of the last fill applied from one operator's venue account (key: <see cref="RoutingGrainKeys.Checkpoint"/>),
/// shared by every member's feed: a member that restarts recovers history from where the platform, not only itself, got to.
/// </summary>
public interface IFillCheckpointGrain : IGrainWithStringKey
{
    /// <summary>The checkpoint, or null when no fill was applied.</summary>
    Task<DateTimeOffset?> GetAsync();

    /// <summary>Moves the checkpoint forward to <paramref name="lastApplied"/> (an earlier time changes nothing).</summary>
    Task SaveAsync(DateTimeOffset lastApplied);
}

/// <summary>The checkpoint grain's stored state.</summary>
public sealed record FillCheckpointState
{
    /// <summary>The last applied fill's time.</summary>
    public DateTimeOffset? LastApplied { get; init; }
}

/// <summary>The checkpoint grain.</summary>
public sealed class FillCheckpointGrain(
    [PersistentState("checkpoint", Abstractions.GrainKeys.Storage)] IPersistentState<FillCheckpointState> state) : Grain, IFillCheckpointGrain
{
    /// <inheritdoc />
    public Task<DateTimeOffset?> GetAsync() => Task.FromResult(state.State.LastApplied);

    /// <inheritdoc />
    public async Task SaveAsync(DateTimeOffset lastApplied)
    {
        if (state.State.LastApplied is { } current && current >= lastApplied)
        {
            return;
        }

        state.State = new FillCheckpointState { LastApplied = lastApplied };
        await state.WriteStateAsync();
    }
}

/// <summary>The durable, shared <see cref="IFillCheckpoints"/> over <see cref="IFillCheckpointGrain"/>.</summary>
public sealed class GrainFillCheckpoints(IGrainFactory grains) : IFillCheckpoints
{
    /// <inheritdoc />
    public Task<DateTimeOffset?> GetAsync(string operatorId, VenueId venue, CancellationToken cancellationToken) =>
        grains.GetGrain<IFillCheckpointGrain>(RoutingGrainKeys.Checkpoint(operatorId, venue)).GetAsync();

    /// <inheritdoc />
    public Task SaveAsync(string operatorId, VenueId venue, DateTimeOffset lastApplied, CancellationToken cancellationToken) =>
        grains.GetGrain<IFillCheckpointGrain>(RoutingGrainKeys.Checkpoint(operatorId, venue)).SaveAsync(lastApplied);
}
