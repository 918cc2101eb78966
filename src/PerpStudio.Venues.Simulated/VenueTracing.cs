using System.Diagnostics;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated;

/// <summary>The venue's spans, under ActivitySource <c>PerpStudio.Venues</c>: one per order placed on it.</summary>
public static class VenueTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "PerpStudio.Venues";

    /// <summary>The span of one placement.</summary>
    public const string PlaceOrderSpan = "venue.place_order";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the placement span (null when nobody listens).</summary>
    /// <param name="venue">The venue.</param>
    /// <param name="order">The order.</param>
    internal static Activity? StartPlaceOrder(VenueId venue, OrderRequest order)
    {
        var activity = Source.StartActivity(PlaceOrderSpan, ActivityKind.Client);
        activity?.SetTag("perpstudio.venue", venue.Value);
        activity?.SetTag("perpstudio.market", order.Market.Symbol);
        activity?.SetTag("perpstudio.client_order_id", order.ClientOrderId.Value);
        return activity;
    }
}
