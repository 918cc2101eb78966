using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// The keys of the routing grains. An order's legs are keyed <c>operator/trader/order</c>, so they live with the trader's
/// account (the cluster shards on <c>operator/trader</c>); a leg is keyed by its venue id alone, which spreads legs over
/// every member. Free-form parts are escaped so that a '/' in them cannot change whose key it is.
/// </summary>
public static class RoutingGrainKeys
{
    /// <summary>The key of the linked-operators registry (one per platform).</summary>
    public const string Platform = "platform";

    /// <summary>The key of one trader's order.</summary>
    public static string Order(OrderOwner owner, ClientOrderId clientOrderId) =>
        $"{Escape(owner.OperatorId)}/{Escape(owner.TraderId)}/{Escape(clientOrderId.Value)}";

    /// <summary>The key of one leg.</summary>
    public static string Leg(ClientOrderId legId) => Escape(legId.Value);

    /// <summary>The key of one venue's wire alias of a leg id: the alias alone, which spreads aliases over every member like legs.</summary>
    public static string Alias(ClientOrderId alias) => Escape(alias.Value);

    /// <summary>The key of one operator's fill checkpoint at a venue.</summary>
    public static string Checkpoint(string operatorId, VenueId venue) => $"{Escape(operatorId)}/{Escape(venue.Value)}";

    private static string Escape(string part)
    {
        ArgumentException.ThrowIfNullOrEmpty(part);
        return Uri.EscapeDataString(part);
    }
}
