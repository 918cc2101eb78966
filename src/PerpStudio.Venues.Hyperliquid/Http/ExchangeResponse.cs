using System.Text.Json;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Hyperliquid.Common;
using static PerpStudio.Venues.Hyperliquid.Common.HyperliquidJson;

namespace PerpStudio.Venues.Hyperliquid.Http;

/// <summary>What became of one order, cancel or modify of an action.</summary>
public enum ActionStatusKind
{
    /// <summary>The order rests on the book.</summary>
    Resting,

    /// <summary>The order filled entirely at once.</summary>
    Filled,

    /// <summary>A cancel or modify succeeded.</summary>
    Success,

    /// <summary>A trigger order waits for its trigger.</summary>
    WaitingForTrigger,

    /// <summary>A grouped order waits for its parent to fill.</summary>
    WaitingForFill,

    /// <summary>The venue refused this item.</summary>
    Error,
}

/// <summary>One item's outcome.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Oid">The order id, when the venue gave one.</param>
/// <param name="Cloid">The client order id echoed back, when given.</param>
/// <param name="TotalSize">Filled size, for a fill.</param>
/// <param name="AveragePrice">Average fill price, for a fill.</param>
/// <param name="Error">The venue's message, for an error.</param>
public sealed record ActionStatus(ActionStatusKind Kind, long? Oid, Cloid? Cloid, Quantity? TotalSize, Price? AveragePrice, string? Error);

/// <summary>
/// An /exchange answer: {"status":"ok","response":{"type":..,"data":{"statuses":[..]}}} or {"status":"err","response":"why"}.
/// </summary>
/// <param name="IsOk">True for status "ok".</param>
/// <param name="Error">The message of status "err".</param>
/// <param name="Type">The response type ("order", "cancel", "default"...).</param>
/// <param name="Statuses">Per-item outcomes, in request order.</param>
public sealed record ExchangeResponse(bool IsOk, string? Error, string? Type, IReadOnlyList<ActionStatus> Statuses)
{
    /// <summary>Parses an answer.</summary>
    public static ExchangeResponse Parse(JsonElement root)
    {
        var status = String(root, "status", "exchange");
        var response = Member(root, "response", "exchange");
        if (status != "ok")
        {
            return new ExchangeResponse(false, response.ValueKind == JsonValueKind.String ? response.GetString() : response.GetRawText(), null, []);
        }

        var type = String(response, "type", "exchange.response");
        var statuses = new List<ActionStatus>();
        if (Optional(response, "data") is { } data && Optional(data, "statuses") is { } items)
        {
            var i = 0;
            foreach (var item in Array(items, "exchange.response.data.statuses"))
            {
                statuses.Add(ParseStatus(item, $"exchange.response.data.statuses[{i++}]"));
            }
        }

        return new ExchangeResponse(true, null, type, statuses);
    }

    private static ActionStatus ParseStatus(JsonElement item, string path)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return item.GetString() switch
            {
                "success" => new ActionStatus(ActionStatusKind.Success, null, null, null, null, null),
                "waitingForTrigger" => new ActionStatus(ActionStatusKind.WaitingForTrigger, null, null, null, null, null),
                "waitingForFill" => new ActionStatus(ActionStatusKind.WaitingForFill, null, null, null, null, null),
                var other => throw new HyperliquidFormatException($"{path}: unknown status '{other}'"),
            };
        }

        if (Optional(item, "error") is { } error)
        {
            return new ActionStatus(ActionStatusKind.Error, null, null, null, null, error.GetString());
        }

        if (Optional(item, "resting") is { } resting)
        {
            return new ActionStatus(ActionStatusKind.Resting, Int64(resting, "oid", $"{path}.resting"), CloidOf(resting), null, null, null);
        }

        if (Optional(item, "filled") is { } filled)
        {
            var p = $"{path}.filled";
            return new ActionStatus(ActionStatusKind.Filled, Int64(filled, "oid", p), CloidOf(filled), Quantity(filled, "totalSz", p), Price(filled, "avgPx", p), null);
        }

        throw new HyperliquidFormatException($"{path}: unknown status {item.GetRawText()}");
    }

    private static Cloid? CloidOf(JsonElement element) => Optional(element, "cloid") is { } c ? Cloid.Parse(c.GetString()) : null;
}
