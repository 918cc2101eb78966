using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Venues.Simulated;

/// <summary>The exchange's mutable record of one order; turned into a <see cref="VenueOrder"/> for callers.</summary>
internal sealed class OrderRecord(long engineId, VenueAccount account, MarketState market, OrderRequest request, DateTimeOffset now)
{
    internal long EngineId { get; } = engineId;

    internal VenueOrderId VenueOrderId { get; } = new(engineId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal VenueAccount Account { get; } = account;

    internal MarketState Market { get; } = market;

    internal OrderRequest Request { get; set; } = request;

    internal long FilledUnits { get; set; }

    internal VenueOrderStatus Status { get; set; } = VenueOrderStatus.Open;

    internal DomainError? Reject { get; set; }

    internal DateTimeOffset UpdatedAt { get; set; } = now;

    internal long RemainingUnits => Request.Size.Units - FilledUnits;

    internal bool IsLive => Status is VenueOrderStatus.Open or VenueOrderStatus.PartiallyFilled or VenueOrderStatus.PendingTrigger;

    internal BookTimeInForce BookTimeInForce => Request.Type == OrderType.Market
        ? BookTimeInForce.Ioc
        : Request.TimeInForce switch
        {
            TimeInForce.Ioc => BookTimeInForce.Ioc,
            TimeInForce.PostOnly => BookTimeInForce.PostOnly,
            _ => BookTimeInForce.Gtc,
        };

    internal VenueOrder ToVenueOrder() =>
        new(Request.ClientOrderId, VenueOrderId, Request, new Quantity(FilledUnits), Status, Reject, UpdatedAt);
}
