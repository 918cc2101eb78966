using System.Collections.Concurrent;
using PerpStudio.Domain.Orders;

namespace PerpStudio.Host.Routing;

/// <summary>
/// The trader's client order id behind each platform order id the gateway sent, so a fill (which names the platform
/// id) can be handed to the account under the id it knows. Only a fast path: when the process restarted in
/// between, the sink looks the order up in the account instead.
/// </summary>
public sealed class TraderOrderIds
{
    private const int Capacity = 200_000;
    private readonly ConcurrentDictionary<string, ClientOrderId> _byOrderId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Remembers the pair, forgetting the oldest beyond the capacity.</summary>
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

    /// <summary>The trader's id for a platform order id, when remembered.</summary>
    public bool TryGet(string orderId, out ClientOrderId clientOrderId) => _byOrderId.TryGetValue(orderId, out clientOrderId);
}
