namespace PerpStudio.Venues.Contract;

/// <summary>Names one venue the platform routes to, e.g. "hyperliquid", "dydx", "sim-a".</summary>
/// <param name="Value">The venue's stable name.</param>
public readonly record struct VenueId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>The venue's own id for an order (Hyperliquid's oid, dYdX's order id...), opaque to the platform.</summary>
/// <param name="Value">The id as text.</param>
public readonly record struct VenueOrderId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>
/// The venue's id for one fill, unique within the venue account: the key by which a fill is applied exactly once,
/// however often it is delivered (stream, duplicate, history).
/// </summary>
/// <param name="Value">The id as text.</param>
public readonly record struct VenueFillId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
