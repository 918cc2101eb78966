using System.Text.Json;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.WebSocket;

/// <summary>A message the websocket delivered, by channel.</summary>
public abstract record WsMessage;

/// <summary>The answer to a ping.</summary>
public sealed record WsPong : WsMessage;

/// <summary>The venue confirmed a subscription (its echo, as JSON).</summary>
/// <param name="Subscription">The subscription object echoed.</param>
public sealed record WsSubscribed(string Subscription) : WsMessage;

/// <summary>A book update of the l2Book channel.</summary>
/// <param name="Book">The book.</param>
public sealed record WsBook(L2Book Book) : WsMessage;

/// <summary>Mid prices of the allMids channel.</summary>
/// <param name="Mids">Coin to mid.</param>
public sealed record WsMids(IReadOnlyDictionary<string, Price> Mids) : WsMessage;

/// <summary>Fills of the userFills channel; the first after subscribing is a snapshot of recent history.</summary>
/// <param name="IsSnapshot">True for the snapshot.</param>
/// <param name="Fills">The fills.</param>
public sealed record WsFills(bool IsSnapshot, IReadOnlyList<UserFill> Fills) : WsMessage;

/// <summary>Order state changes of the orderUpdates channel.</summary>
/// <param name="Updates">Orders with their new status.</param>
public sealed record WsOrderUpdates(IReadOnlyList<HistoricalOrder> Updates) : WsMessage;

/// <summary>One public trade of the trades channel.</summary>
/// <param name="Coin">The coin.</param>
/// <param name="TakerSide">The aggressor's side ("B" buy, "A" sell).</param>
/// <param name="Price">The price.</param>
/// <param name="Size">The size.</param>
/// <param name="Time">Milliseconds since the epoch.</param>
/// <param name="Hash">The L1 transaction hash.</param>
/// <param name="TradeId">The venue's trade id (tid).</param>
public sealed record WsTrade(string Coin, Side TakerSide, Price Price, Quantity Size, long Time, string Hash, long TradeId);

/// <summary>A batch of public trades of the trades channel (one coin per subscription).</summary>
/// <param name="Trades">The trades, in the venue's order.</param>
public sealed record WsTrades(IReadOnlyList<WsTrade> Trades) : WsMessage;

/// <summary>A channel this adapter does not read, or an error the venue sent.</summary>
/// <param name="Channel">The channel name.</param>
/// <param name="Raw">The data as JSON.</param>
public sealed record WsOther(string Channel, string Raw) : WsMessage;

/// <summary>Builds subscription requests and parses channel messages.</summary>
public static class WsProtocol
{
    /// <summary>{"method":"ping"}.</summary>
    public const string Ping = """{"method":"ping"}""";

    /// <summary>The subscription object for a user channel ("orderUpdates", "userFills").</summary>
    public static string UserSubscription(string type, string user) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = type, ["user"] = user });

    /// <summary>The subscription object for a coin channel ("l2Book").</summary>
    public static string CoinSubscription(string type, string coin) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = type, ["coin"] = coin });

    /// <summary>The subscription object of allMids.</summary>
    public static string AllMidsSubscription() => """{"type":"allMids"}""";

    /// <summary>A subscribe or unsubscribe request around a subscription object.</summary>
    public static string Request(string method, string subscription) => $$"""{"method":"{{method}}","subscription":{{subscription}}}""";

    /// <summary>Parses one text frame.</summary>
    public static WsMessage Parse(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        var channel = HyperliquidJson.String(root, "channel", "ws");
        var data = HyperliquidJson.Optional(root, "data");
        return channel switch
        {
            "pong" => new WsPong(),
            "subscriptionResponse" => new WsSubscribed(data is { } d && HyperliquidJson.Optional(d, "subscription") is { } s ? s.GetRawText() : ""),
            "l2Book" => new WsBook(InfoParsing.L2Book(Require(data, channel))),
            "allMids" => new WsMids(InfoParsing.AllMids(HyperliquidJson.Member(Require(data, channel), "mids", "ws.allMids"))),
            "userFills" => new WsFills(
                HyperliquidJson.Optional(Require(data, channel), "isSnapshot")?.GetBoolean() ?? false,
                InfoParsing.UserFills(HyperliquidJson.Member(Require(data, channel), "fills", "ws.userFills"), "ws.userFills.fills")),
            "orderUpdates" => new WsOrderUpdates(OrderUpdates(Require(data, channel))),
            "trades" => new WsTrades(Trades(Require(data, channel))),
            _ => new WsOther(channel, data?.GetRawText() ?? ""),
        };
    }

    private static List<WsTrade> Trades(JsonElement data)
    {
        var trades = new List<WsTrade>();
        var i = 0;
        foreach (var item in HyperliquidJson.Array(data, "ws.trades"))
        {
            var path = $"ws.trades[{i++}]";
            trades.Add(new WsTrade(
                HyperliquidJson.String(item, "coin", path),
                InfoParsing.ParseSide(HyperliquidJson.String(item, "side", path), $"{path}.side"),
                HyperliquidJson.Price(item, "px", path),
                HyperliquidJson.Quantity(item, "sz", path),
                HyperliquidJson.Int64(item, "time", path),
                HyperliquidJson.String(item, "hash", path),
                HyperliquidJson.Int64(item, "tid", path)));
        }

        return trades;
    }

    private static List<HistoricalOrder> OrderUpdates(JsonElement data)
    {
        var updates = new List<HistoricalOrder>();
        var i = 0;
        foreach (var item in HyperliquidJson.Array(data, "ws.orderUpdates"))
        {
            var path = $"ws.orderUpdates[{i++}]";
            updates.Add(new HistoricalOrder(
                InfoParsing.Order(HyperliquidJson.Member(item, "order", path), $"{path}.order"),
                HyperliquidJson.String(item, "status", path),
                HyperliquidJson.Int64(item, "statusTimestamp", path)));
        }

        return updates;
    }

    private static JsonElement Require(JsonElement? data, string channel) =>
        data ?? throw new HyperliquidFormatException($"ws.{channel}: data missing");
}
