using System.Security.Cryptography;
using PerpStudio.Api.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Web.Models;

/// <summary>The order ticket as the form sends it: text, exactly as typed.</summary>
/// <param name="Market">Market symbol.</param>
/// <param name="Side">buy or sell.</param>
/// <param name="Type">market, limit or post-only.</param>
/// <param name="Size">Size in the base asset.</param>
/// <param name="Price">Limit price (limit and post-only).</param>
/// <param name="ReduceOnly">Checkbox.</param>
/// <param name="Mode">cross or isolated.</param>
/// <param name="Leverage">Leverage; empty for the position's or the operator's default.</param>
/// <param name="TakeProfit">Take-profit trigger price (market orders).</param>
/// <param name="StopLoss">Stop-loss trigger price (market orders).</param>
public sealed record OrderTicketInput(
    string? Market, string? Side, string? Type, string? Size, string? Price, string? ReduceOnly,
    string? Mode, string? Leverage, string? TakeProfit, string? StopLoss)
{
    /// <summary>Reads the ticket from form fields.</summary>
    public static OrderTicketInput From(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new(field("market"), field("side"), field("type"), field("size"), field("price"), field("reduce_only"),
            field("margin_mode"), field("leverage"), field("take_profit_price"), field("stop_loss_price"));
    }
}

/// <summary>A parsed ticket: the order and its attached TP/SL.</summary>
/// <param name="Order">The order request (leverage 0 = the current or default leverage).</param>
/// <param name="TakeProfit">Take-profit, or null.</param>
/// <param name="StopLoss">Stop-loss, or null.</param>
public sealed record OrderTicket(OrderRequest Order, Price? TakeProfit, Price? StopLoss)
{
    /// <summary>
    /// Parses the ticket with the domain's exact types. Tick, lot, margin and leverage caps are left to the domain,
    /// whose refusal (through the preview or the placement) the form shows as it is.
    /// </summary>
    /// <exception cref="ApiException">A field is missing or malformed; names the field.</exception>
    public static OrderTicket Parse(OrderTicketInput input, string? clientOrderId = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(input.Market))
        {
            throw new ApiException(ApiError.Required("market"));
        }

        var side = input.Side switch
        {
            "buy" => Side.Buy,
            "sell" => Side.Sell,
            _ => throw new ApiException(ApiError.Invalid("side", "side_invalid", "side must be buy or sell")),
        };
        var (type, tif) = input.Type switch
        {
            "market" or null or "" => (OrderType.Market, TimeInForce.Ioc),
            "limit" => (OrderType.Limit, TimeInForce.Gtc),
            "post-only" => (OrderType.Limit, TimeInForce.PostOnly),
            _ => throw new ApiException(ApiError.Invalid("type", "type_invalid", "type must be market, limit or post-only")),
        };
        var mode = input.Mode switch
        {
            "cross" or null or "" => MarginMode.Cross,
            "isolated" => MarginMode.Isolated,
            _ => throw new ApiException(ApiError.Invalid("margin_mode", "margin_mode_invalid", "margin mode must be cross or isolated")),
        };
        var size = FormFields.RequireSize(input.Size, "size");
        var price = type == OrderType.Limit ? FormFields.RequirePrice(input.Price, "price") : (Price?)null;
        var leverage = string.IsNullOrWhiteSpace(input.Leverage) ? 0 : FormFields.RequireInt(input.Leverage, "leverage", 1, 1000);
        var tp = FormFields.OptionalPrice(input.TakeProfit, "take_profit_price");
        var sl = FormFields.OptionalPrice(input.StopLoss, "stop_loss_price");
        var id = new ClientOrderId(clientOrderId ?? NewClientOrderId());
        var order = new OrderRequest(id, new MarketId(input.Market.Trim()), side, type, size, price, tif, FormFields.Checked(input.ReduceOnly), mode, leverage);
        return new OrderTicket(order, tp, sl);
    }

    /// <summary>A fresh client order id for an order placed from the web.</summary>
    public static string NewClientOrderId() => "web:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
