using System.Collections.Concurrent;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>What the adapter knows of one order it placed.</summary>
public sealed class TrackedOrder
{
    private readonly Lock _lock = new();
    private VenueOrder _state;

    /// <summary>Tracks an order from its request.</summary>
    public TrackedOrder(HyperliquidMarket market, Cloid cloid, VenueOrder initial)
    {
        Market = market;
        Cloid = cloid;
        _state = initial;
    }

    /// <summary>The market.</summary>
    public HyperliquidMarket Market { get; }

    /// <summary>Its Hyperliquid cloid.</summary>
    public Cloid Cloid { get; }

    /// <summary>The client order id.</summary>
    public ClientOrderId ClientOrderId => State.ClientOrderId;

    /// <summary>True while a placement is in flight or ended with an unknown outcome.</summary>
    public bool Pending { get; set; } = true;

    /// <summary>The latest known state.</summary>
    public VenueOrder State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Replaces the state unless it would move a terminal order back to a live one.</summary>
    public VenueOrder Update(VenueOrder next)
    {
        lock (_lock)
        {
            if (!_state.IsTerminal || next.IsTerminal)
            {
                _state = next;
            }

            return _state;
        }
    }
}

/// <summary>The orders this adapter placed, by client order id, cloid and venue order id.</summary>
public sealed class OrderRegistry
{
    private readonly ConcurrentDictionary<ClientOrderId, TrackedOrder> _byClientId = new();
    private readonly ConcurrentDictionary<string, TrackedOrder> _byCloid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrackedOrder> _byOid = new(StringComparer.Ordinal);

    /// <summary>Adds an order unless its client order id is already known; returns the one that is registered.</summary>
    public TrackedOrder GetOrAdd(TrackedOrder order, out bool added)
    {
        ArgumentNullException.ThrowIfNull(order);
        var existing = _byClientId.GetOrAdd(order.ClientOrderId, order);
        added = ReferenceEquals(existing, order);
        if (added)
        {
            _byCloid[order.Cloid.Hex] = order;
        }

        return existing;
    }

    /// <summary>Forgets an order whose placement certainly did not reach the venue.</summary>
    public void Remove(TrackedOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        _byClientId.TryRemove(new KeyValuePair<ClientOrderId, TrackedOrder>(order.ClientOrderId, order));
        _byCloid.TryRemove(order.Cloid.Hex, out _);
    }

    /// <summary>Records the venue order id (Hyperliquid assigns a new one when an order is modified).</summary>
    public void IndexOid(TrackedOrder order, VenueOrderId oid)
    {
        ArgumentNullException.ThrowIfNull(order);
        _byOid[oid.Value] = order;
    }

    /// <summary>By client order id.</summary>
    public bool TryGet(ClientOrderId id, out TrackedOrder order) => _byClientId.TryGetValue(id, out order!);

    /// <summary>By cloid.</summary>
    public bool TryGet(Cloid cloid, out TrackedOrder order) => _byCloid.TryGetValue(cloid.Hex, out order!);

    /// <summary>By venue order id.</summary>
    public bool TryGet(VenueOrderId oid, out TrackedOrder order) => _byOid.TryGetValue(oid.Value, out order!);
}
