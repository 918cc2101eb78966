using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing;

/// <summary>One leg the router sent (or is about to send) to a venue, and whose it is.</summary>
/// <param name="LegId">The client order id at the venue (<see cref="LegIds"/>).</param>
/// <param name="Owner">The trader the leg belongs to.</param>
/// <param name="ClientOrderId">The trader's client order id of the whole order.</param>
/// <param name="Ordinal">Which leg of the plan this is (0-based).</param>
/// <param name="Attempt">0 as planned; 1, 2... for each re-route of that plan leg to another venue.</param>
/// <param name="Venue">The venue the leg id is bound to: it is never sent anywhere else.</param>
/// <param name="Market">The market.</param>
/// <param name="Side">The side.</param>
/// <param name="Size">The leg's size.</param>
public sealed record RoutedLeg(
    ClientOrderId LegId,
    OrderOwner Owner,
    ClientOrderId ClientOrderId,
    int Ordinal,
    int Attempt,
    VenueId Venue,
    MarketId Market,
    Side Side,
    Quantity Size)
{
    /// <summary>The leg index the id was derived from.</summary>
    public int LegIndex => LegIds.IndexOf(Ordinal, Attempt);

    /// <summary>
    /// How the leg's venue names the leg id when it reports an order it does not remember placing
    /// (<see cref="IVenue.WireAlias"/>), or null. The directory resolves it to this leg as well.
    /// </summary>
    public ClientOrderId? WireAlias { get; init; }
}

/// <summary>What a claim found: the leg stored under the id, and whether this claim stored it.</summary>
/// <param name="Leg">The stored leg (the first record of the id).</param>
/// <param name="IsNew">True when this claim recorded it; false when an earlier one had (it may have been sent).</param>
public sealed record LegClaim(RoutedLeg Leg, bool IsNew);

/// <summary>
/// Where each leg id came from: leg id to owner, order and venue. The router records a plan's legs before it sends
/// any of them, and each re-route before it is sent; the fill feed maps fills back to their owners through it.
/// A leg's <see cref="RoutedLeg.WireAlias"/> is recorded with it (first writer wins as well), so a fill the venue
/// reports under the alias maps to the same leg. The grains provide a durable implementation; <see cref="InMemoryRoutedOrderDirectory"/> serves tests and the
/// embedded single-process host.
/// </summary>
public interface IRoutedOrderDirectory
{
    /// <summary>
    /// Records legs, first writer wins per leg id: a leg id already recorded keeps its first record (and its venue).
    /// Returns what is stored for each given leg, in the same order, so that the caller acts on the stored binding.
    /// </summary>
    Task<IReadOnlyList<LegClaim>> ClaimAsync(IReadOnlyList<RoutedLeg> legs, CancellationToken cancellationToken);

    /// <summary>
    /// The leg recorded under a venue client order id, or else the leg whose wire alias it is; null when the router
    /// never recorded it.
    /// </summary>
    Task<RoutedLeg?> FindAsync(ClientOrderId legId, CancellationToken cancellationToken);

    /// <summary>Every leg recorded for one trader's order (all plan legs and re-routes).</summary>
    Task<IReadOnlyList<RoutedLeg>> LegsOfAsync(OrderOwner owner, ClientOrderId clientOrderId, CancellationToken cancellationToken);
}

/// <summary>A process-local <see cref="IRoutedOrderDirectory"/>: lost with the process, so for tests and the embedded host.</summary>
public sealed class InMemoryRoutedOrderDirectory : IRoutedOrderDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientOrderId, RoutedLeg> _byLeg = [];
    private readonly Dictionary<ClientOrderId, RoutedLeg> _byAlias = [];
    private readonly Dictionary<(OrderOwner, ClientOrderId), List<RoutedLeg>> _byOrder = [];

    /// <summary>How many legs are recorded.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byLeg.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LegClaim>> ClaimAsync(IReadOnlyList<RoutedLeg> legs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(legs);
        var stored = new List<LegClaim>(legs.Count);
        lock (_gate)
        {
            foreach (var leg in legs)
            {
                if (_byLeg.TryGetValue(leg.LegId, out var existing))
                {
                    stored.Add(new LegClaim(existing, IsNew: false));
                }
                else
                {
                    _byLeg.Add(leg.LegId, leg);
                    var key = (leg.Owner, leg.ClientOrderId);
                    if (!_byOrder.TryGetValue(key, out var list))
                    {
                        list = [];
                        _byOrder.Add(key, list);
                    }

                    list.Add(leg);
                    stored.Add(new LegClaim(leg, IsNew: true));
                }

                if (stored[^1].Leg.WireAlias is { } alias)
                {
                    _byAlias.TryAdd(alias, stored[^1].Leg);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<LegClaim>>(stored);
    }

    /// <inheritdoc />
    public Task<RoutedLeg?> FindAsync(ClientOrderId legId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_byLeg.GetValueOrDefault(legId) ?? _byAlias.GetValueOrDefault(legId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RoutedLeg>> LegsOfAsync(OrderOwner owner, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<RoutedLeg> legs = _byOrder.TryGetValue((owner, clientOrderId), out var list) ? list.ToArray() : [];
            return Task.FromResult(legs);
        }
    }
}
