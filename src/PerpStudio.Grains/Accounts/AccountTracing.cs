using System.Diagnostics;
using PerpStudio.Domain.Orders;

namespace PerpStudio.Grains.Accounts;

/// <summary>
/// The account grain's spans, under ActivitySource <c>PerpStudio.Grains</c>: one per order placement, parent of the
/// router's and the venue's spans, so a trace shows where an order's time went.
/// </summary>
public static class AccountTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "PerpStudio.Grains";

    /// <summary>The span of one order placement.</summary>
    public const string PlaceOrderSpan = "account.place_order";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the placement span (null when nobody listens); the operator is the account key's first segment.</summary>
    /// <param name="accountKey">The account grain's key, <c>operator/trader</c>.</param>
    /// <param name="order">The order.</param>
    internal static Activity? StartPlaceOrder(string accountKey, OrderRequest? order)
    {
        var activity = Source.StartActivity(PlaceOrderSpan, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        var slash = accountKey.IndexOf('/', StringComparison.Ordinal);
        activity.SetTag("perpstudio.operator", slash < 0 ? accountKey : accountKey[..slash]);
        if (order is not null)
        {
            activity.SetTag("perpstudio.client_order_id", order.ClientOrderId.Value);
            activity.SetTag("perpstudio.market", order.Market.Symbol);
        }

        return activity;
    }
}
