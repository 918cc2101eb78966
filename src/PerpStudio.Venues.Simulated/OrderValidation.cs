using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated;

/// <summary>The checks an order passes before the venue takes it; a failure names the field and changes nothing.</summary>
internal static class OrderValidation
{
    internal static DomainError? Validate(OrderRequest request, Dictionary<MarketId, MarketState> markets, out MarketState? market)
    {
        market = null;
        if (!ClientOrderId.IsValid(request.ClientOrderId.Value))
        {
            return Invalid("client_order_id", $"'{request.ClientOrderId.Value}' is not 1 to {ClientOrderId.MaxLength} letters, digits, '-', '_' or ':'");
        }

        if (!markets.TryGetValue(request.Market, out market))
        {
            return VenueRejectCodes.UnknownMarketError(request.Market);
        }

        var spec = market.Spec;
        if (!OnStep(request.Size.Units, spec.LotSize.Units))
        {
            return VenueRejectCodes.SizeOffLotError(request.Size, spec.LotSize);
        }

        if (request.Type == OrderType.Limit && request.LimitPrice is null)
        {
            return Invalid("limit_price", "a limit order needs a limit price");
        }

        if (request.LimitPrice is { } limit && !OnStep(limit.Units, spec.TickSize.Units))
        {
            return VenueRejectCodes.PriceOffTickError("limit_price", limit, spec.TickSize);
        }

        if (request.Trigger == TriggerKind.None && request.TriggerPrice is not null)
        {
            return Invalid("trigger_price", "a trigger price needs a take-profit or stop-loss trigger");
        }

        if (request.Trigger != TriggerKind.None)
        {
            if (request.TriggerPrice is not { } trigger)
            {
                return Invalid("trigger_price", $"a {request.Trigger} order needs a trigger price");
            }

            if (!OnStep(trigger.Units, spec.TickSize.Units))
            {
                return VenueRejectCodes.PriceOffTickError("trigger_price", trigger, spec.TickSize);
            }
        }

        if (request.Leverage < 1 || request.Leverage > spec.MaxLeverage)
        {
            return Invalid("leverage", $"leverage {request.Leverage} is outside 1 to {spec.MaxLeverage} for {spec.Id}");
        }

        if (request.MarginMode == MarginMode.Cross && spec.IsolatedOnly)
        {
            return VenueRejectCodes.UnsupportedError("margin_mode", $"cross margin in {spec.Id}");
        }

        var reference = request.LimitPrice ?? request.TriggerPrice ?? market.Mark();
        var notional = Notional.Of(request.Size, reference, Rounding.Floor);
        if (!request.ReduceOnly && notional < spec.MinNotional)
        {
            return new DomainError(ErrorKind.InvalidArgument, VenueRejectCodes.BelowMinNotional, "size",
                $"{request.Size} at {reference} is worth {notional}, below the minimum {spec.MinNotional}");
        }

        return null;
    }

    internal static DomainError? ValidateChange(OrderRequest current, MarketSpec spec, ModifyOrderRequest change, Quantity filled)
    {
        if (current.Type != OrderType.Limit)
        {
            return VenueRejectCodes.UnsupportedError("client_order_id", "modifying a market order");
        }

        if (change.NewPrice is null && change.NewSize is null)
        {
            return Invalid("new_price", "a modification needs a new price or a new size");
        }

        if (change.NewPrice is { } price && !OnStep(price.Units, spec.TickSize.Units))
        {
            return VenueRejectCodes.PriceOffTickError("new_price", price, spec.TickSize);
        }

        if (change.NewSize is { } size)
        {
            if (!OnStep(size.Units, spec.LotSize.Units))
            {
                return VenueRejectCodes.SizeOffLotError(size, spec.LotSize) with { Field = "new_size" };
            }

            if (size <= filled)
            {
                return Invalid("new_size", $"new size {size} must exceed the {filled} already filled");
            }
        }

        return null;
    }

    private static bool OnStep(long units, long step) => units > 0 && units % step == 0;

    private static DomainError Invalid(string field, string message) =>
        new(ErrorKind.InvalidArgument, VenueRejectCodes.InvalidOrder, field, message);
}
