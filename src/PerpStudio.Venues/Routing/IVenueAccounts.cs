using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing;

/// <summary>
/// The operators' accounts at the venues: each operator trades through its own <see cref="IVenue"/> connection per
/// venue. The host wires the adapters in; the router never creates one.
/// </summary>
public interface IVenueAccounts
{
    /// <summary>The operator's connection to a venue, or null when the operator has no account there.</summary>
    IVenue? Find(string operatorId, VenueId venue);
}

/// <summary>A fixed set of venue connections per operator.</summary>
public sealed class VenueAccounts : IVenueAccounts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, VenueId), IVenue> _venues = [];

    /// <summary>Adds (or replaces) an operator's connection to a venue.</summary>
    public VenueAccounts Add(string operatorId, IVenue venue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        ArgumentNullException.ThrowIfNull(venue);
        lock (_gate)
        {
            _venues[(operatorId, venue.Id)] = venue;
        }

        return this;
    }

    /// <summary>The operator's connections.</summary>
    public IReadOnlyList<IVenue> Of(string operatorId)
    {
        lock (_gate)
        {
            return _venues.Where(p => p.Key.Item1 == operatorId).Select(p => p.Value).ToArray();
        }
    }

    /// <inheritdoc />
    public IVenue? Find(string operatorId, VenueId venue)
    {
        lock (_gate)
        {
            return _venues.GetValueOrDefault((operatorId, venue));
        }
    }
}
