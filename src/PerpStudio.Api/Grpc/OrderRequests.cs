using PerpStudio.Api.Errors;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using Proto = PerpStudio.Contracts.V1;

namespace PerpStudio.Api.Grpc;

/// <summary>A parsed PlaceOrderRequest: the order and the TP/SL to attach.</summary>
/// <param name="Order">The order.</param>
/// <param name="TakeProfit">TP trigger, or null.</param>
/// <param name="StopLoss">SL trigger, or null.</param>
public sealed record ParsedOrder(OrderRequest Order, Price? TakeProfit, Price? StopLoss);

/// <summary>Reads order requests, and names domain refusals by the proto's field names.</summary>
public static class OrderRequests
{
    /// <summary>Parses a PlaceOrderRequest; <paramref name="clientOrderIdRequired"/> is false for previews.</summary>
    public static ParsedOrder Parse(Proto.PlaceOrderRequest request, bool clientOrderIdRequired)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clientOrderId = clientOrderIdRequired
            ? FieldParser.ClientOrderId(request.ClientOrderId)
            : FieldParser.OptionalClientOrderId(request.ClientOrderId) ?? new ClientOrderId("preview");
        var market = FieldParser.Market(request.Market);
        var side = FieldParser.Side(request.Side);
        var type = FieldParser.OrderType(request.Type);
        var size = FieldParser.Size(request.Size, "size");
        var limit = FieldParser.OptionalPrice(request.LimitPrice, "limit_price");
        if (type == OrderType.Limit && limit is null)
        {
            throw FieldParser.Required("limit_price");
        }

        var tif = FieldParser.TimeInForce(request.TimeInForce, type == OrderType.Market ? TimeInForce.Ioc : null);
        var mode = FieldParser.MarginMode(request.MarginMode);
        var leverage = FieldParser.Leverage(request.Leverage);
        var trigger = FieldParser.Trigger(request.Trigger);
        var triggerPrice = FieldParser.OptionalPrice(request.TriggerPrice, "trigger_price");
        if (trigger != TriggerKind.None && triggerPrice is null)
        {
            throw FieldParser.Required("trigger_price");
        }

        if (trigger == TriggerKind.None && triggerPrice is not null)
        {
            throw new ApiException(ApiError.Invalid("trigger_price", "trigger_price_without_trigger", "trigger_price is set but trigger is none"));
        }

        var takeProfit = FieldParser.OptionalPrice(request.TakeProfitPrice, "take_profit_price");
        var stopLoss = FieldParser.OptionalPrice(request.StopLossPrice, "stop_loss_price");
        var order = new OrderRequest(clientOrderId, market, side, type, size, limit, tif, request.ReduceOnly, mode, leverage, trigger, triggerPrice);
        return new ParsedOrder(order, takeProfit, stopLoss);
    }

    /// <summary>Runs <paramref name="call"/>, renaming the domain's <c>price</c> field to the proto's <c>limit_price</c>.</summary>
    public static async Task<T> NamingFieldsAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (ApiException refused) when (NamesDomainPrice(refused))
        {
            throw NamedForProto(refused);
        }
    }

    /// <summary>True when a refusal names the domain's <c>price</c> field, which the proto calls <c>limit_price</c>.</summary>
    public static bool NamesDomainPrice(ApiException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return refused.Error.Field == "price";
    }

    /// <summary>The refusal with the domain's <c>price</c> field named <c>limit_price</c>, as the proto calls it.</summary>
    public static ApiException NamedForProto(ApiException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return new ApiException(refused.Error with { Field = "limit_price" });
    }
}
