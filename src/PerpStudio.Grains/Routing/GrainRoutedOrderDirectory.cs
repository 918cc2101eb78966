using System.Collections.Immutable;
using PerpStudio.Domain.Orders;
using PerpStudio.Runtime;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// The durable, cluster-wide <see cref="IRoutedOrderDirectory"/>: each leg id is claimed in its
/// <see cref="IRoutedLegGrain"/> (first writer wins), then listed in its order's <see cref="IRoutedOrderGrain"/>. A
/// crash between the two is repaired by the retry, which lists the stored leg again. A stored leg's wire alias is
/// claimed in its <see cref="IRoutedLegAliasGrain"/> before the order lists it, and again by any retry. Survives restarts
/// with durable storage, and a fill arriving at any member finds its owner, under the leg id or its alias.
/// </summary>
public sealed class GrainRoutedOrderDirectory(IGrainFactory grains) : IRoutedOrderDirectory
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<LegClaim>> ClaimAsync(IReadOnlyList<RoutedLeg> legs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(legs);
        // distinct leg ids are claimed at once; a leg id repeated within the call is answered as its first claim's binding
        var distinct = legs.DistinctBy(l => l.LegId).ToArray();
        var claimed = await Task.WhenAll(distinct.Select(l => grains.GetGrain<IRoutedLegGrain>(RoutingGrainKeys.Leg(l.LegId)).ClaimAsync(l)));
        var byId = distinct.Select(l => l.LegId).Zip(claimed).ToDictionary(p => p.First, p => p.Second);
        var first = new HashSet<ClientOrderId>();
        var claims = legs.Select(l => first.Add(l.LegId) ? byId[l.LegId] : byId[l.LegId] with { IsNew = false }).ToArray();
        // the aliases are claimed while the orders list their legs: both are done before any leg can be sent
        var aliases = claimed.Select(c => c.Leg).Where(l => l.WireAlias is not null)
            .Select(l => (Task)grains.GetGrain<IRoutedLegAliasGrain>(RoutingGrainKeys.Alias(l.WireAlias!.Value)).ClaimAsync(l));
        await Task.WhenAll(aliases.Append(ListUnderOrdersAsync(claims)));
        return claims;
    }

    /// <inheritdoc />
    public async Task<RoutedLeg?> FindAsync(ClientOrderId legId, CancellationToken cancellationToken) =>
        await grains.GetGrain<IRoutedLegGrain>(RoutingGrainKeys.Leg(legId)).GetAsync()
        ?? await grains.GetGrain<IRoutedLegAliasGrain>(RoutingGrainKeys.Alias(legId)).GetAsync();

    /// <inheritdoc />
    public async Task<IReadOnlyList<RoutedLeg>> LegsOfAsync(OrderOwner owner, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        ImmutableArray<RoutedLeg> legs = await grains.GetGrain<IRoutedOrderGrain>(RoutingGrainKeys.Order(owner, clientOrderId)).GetLegsAsync();
        return legs;
    }

    private async Task ListUnderOrdersAsync(IEnumerable<LegClaim> claims)
    {
        foreach (var order in claims.Select(c => c.Leg).GroupBy(l => (l.Owner, l.ClientOrderId)))
        {
            await grains.GetGrain<IRoutedOrderGrain>(RoutingGrainKeys.Order(order.Key.Owner, order.Key.ClientOrderId)).AddAsync([.. order]);
        }
    }
}
