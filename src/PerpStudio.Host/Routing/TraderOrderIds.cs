using System.Collections.Concurrent;
using PerpStudio.Domain.Orders;
using PerpStudio.Grains.Routing;
using PerpStudio.Runtime;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Host.Routing;

/// <summary>
/// The trader's client order id behind each platform order id the gateway sent, so a fill (which names the platform
/// id) can be handed to the account under the id it knows. Process memory is the fast path; with durable storage
/// (<paramref name="grains"/> given) each pair is also recorded in the order's <see cref="IRoutedOrderGrain"/> before the
/// order is sent, so a fill arriving after a restart, or at another member, still finds it.
/// </summary>
/// <param name="grains">The grains the pairs are recorded in; null to keep them in memory only (one process).</param>
public sealed class TraderOrderIds(IGrainFactory? grains = null)
{
    private const int Capacity = 200_000;
    private readonly ConcurrentDictionary<string, ClientOrderId> _byOrderId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Whether pairs are recorded durably.</summary>
    public bool IsDurable => grains is not null;

    /// <summary>Remembers the pair in memory, forgetting the oldest beyond the capacity.</summary>
    public void Remember(string orderId, ClientOrderId clientOrderId)
    {
        if (_byOrderId.TryAdd(orderId, clientOrderId))
        {
            _order.Enqueue(orderId);
            while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _byOrderId.TryRemove(oldest, out _);
            }
        }
    }

    /// <summary>Records the pair durably (when durable) and in memory; awaited before the order goes to a venue.</summary>
    public async Task RecordAsync(OrderOwner owner, string orderId, ClientOrderId clientOrderId)
    {
        if (grains is not null)
        {
            await grains.GetGrain<IRoutedOrderGrain>(RoutingGrainKeys.Order(owner, new ClientOrderId(orderId))).RecordTraderOrderIdAsync(clientOrderId);
        }

        Remember(orderId, clientOrderId);
    }

    /// <summary>The trader's id for a platform order id, when remembered in this process.</summary>
    public bool TryGet(string orderId, out ClientOrderId clientOrderId) => _byOrderId.TryGetValue(orderId, out clientOrderId);

    /// <summary>The trader's id for a platform order id: from memory, else from the durable record; null when neither has it.</summary>
    public async Task<ClientOrderId?> FindAsync(OrderOwner owner, string orderId)
    {
        if (TryGet(orderId, out var known))
        {
            return known;
        }

        if (grains is null)
        {
            return null;
        }

        var recorded = await grains.GetGrain<IRoutedOrderGrain>(RoutingGrainKeys.Order(owner, new ClientOrderId(orderId))).GetTraderOrderIdAsync();
        if (recorded is { } id)
        {
            Remember(orderId, id);
        }

        return recorded;
    }
}
