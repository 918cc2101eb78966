using System.Collections.Concurrent;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Fills;

/// <summary>
/// The time of the last fill applied per operator account and venue, so that a restarted feed recovers from history
/// what it missed while it was down. The grains (or the host's storage) provide a durable one.
/// </summary>
public interface IFillCheckpoints
{
    /// <summary>The last applied fill's time, or null when none was ever applied.</summary>
    Task<DateTimeOffset?> GetAsync(string operatorId, VenueId venue, CancellationToken cancellationToken);

    /// <summary>Stores the last applied fill's time (only ever moves forward).</summary>
    Task SaveAsync(string operatorId, VenueId venue, DateTimeOffset lastApplied, CancellationToken cancellationToken);
}

/// <summary>Process-local checkpoints: the default, and what tests share between a feed and its restarted successor.</summary>
public sealed class InMemoryFillCheckpoints : IFillCheckpoints
{
    private readonly ConcurrentDictionary<(string, VenueId), DateTimeOffset> _times = new();

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetAsync(string operatorId, VenueId venue, CancellationToken cancellationToken) =>
        Task.FromResult(_times.TryGetValue((operatorId, venue), out var t) ? t : (DateTimeOffset?)null);

    /// <inheritdoc />
    public Task SaveAsync(string operatorId, VenueId venue, DateTimeOffset lastApplied, CancellationToken cancellationToken)
    {
        _times.AddOrUpdate((operatorId, venue), lastApplied, (_, old) => old >= lastApplied ? old : lastApplied);
        return Task.CompletedTask;
    }
}
