using System.Collections.Concurrent;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Health;

/// <summary>
/// The circuit breakers of all venues, one per venue shared by every operator's account there: a venue that fails
/// for one operator is most likely failing for all. One instance per process, shared by the routers.
/// </summary>
public sealed class VenueCircuits
{
    private readonly ConcurrentDictionary<VenueId, VenueCircuit> _circuits = new();
    private readonly VenueCircuitOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the breakers' home; breakers are made on first use.</summary>
    public VenueCircuits(VenueCircuitOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new VenueCircuitOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The options every breaker uses.</summary>
    public VenueCircuitOptions Options => _options;

    /// <summary>Where a venue's circuit stands.</summary>
    public CircuitStatus StatusOf(VenueId venue) => For(venue).Status;

    /// <summary>Takes a venue out of routing by hand until <see cref="CloseAsync"/>.</summary>
    public Task IsolateAsync(VenueId venue) => For(venue).IsolateAsync();

    /// <summary>Closes a venue's circuit by hand (after isolation or to end a break early).</summary>
    public Task CloseAsync(VenueId venue) => For(venue).CloseAsync();

    internal VenueCircuit For(VenueId venue) => _circuits.GetOrAdd(venue, v => new VenueCircuit(v, _options, _time));
}
