using System.Text.Json.Nodes;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.Tests.Fake;

/// <summary>The fake's /info answers, in Hyperliquid's shapes.</summary>
public sealed partial class FakeExchange
{
    /// <summary>Handles an /info body; returns the answer JSON.</summary>
    public string HandleInfo(string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        lock (_lock)
        {
            return InfoLocked(request).ToJsonString();
        }
    }

    /// <summary>The recent fills of a user (for the websocket's snapshot).</summary>
    public JsonArray FillsOf(EthereumAddress user)
    {
        lock (_lock)
        {
            return _accounts.TryGetValue(user, out var account) ? new JsonArray([.. account.Fills.Select(f => f.DeepClone())]) : [];
        }
    }

    /// <summary>The book of a coin as the l2Book channel carries it.</summary>
    public JsonObject BookOf(string coin)
    {
        lock (_lock)
        {
            return L2Book(coin);
        }
    }

    private JsonNode InfoLocked(JsonObject request)
    {
        var type = request["type"]!.GetValue<string>();
        var user = request["user"] is { } u ? EthereumAddress.Parse(u.GetValue<string>()) : default;
        var account = _accounts.GetValueOrDefault(user);
        return type switch
        {
            "meta" => Meta(),
            "allMids" => AllMids(),
            "metaAndAssetCtxs" => new JsonArray(Meta(), new JsonArray([.. _assets.Select(a => (JsonNode)new JsonObject
            {
                ["funding"] = "0.0000125",
                ["openInterest"] = "100.0",
                ["prevDayPx"] = ExchangeActions.Number(a.Mid),
                ["dayNtlVlm"] = "0.0",
                ["premium"] = "0.0",
                ["oraclePx"] = ExchangeActions.Number(a.Mid),
                ["markPx"] = ExchangeActions.Number(Mid(a)),
                ["midPx"] = ExchangeActions.Number(Mid(a)),
            })])),
            "l2Book" => L2Book(request["coin"]!.GetValue<string>()),
            "clearinghouseState" => ClearinghouseState(account),
            "openOrders" or "frontendOpenOrders" => new JsonArray([.. _orders.Values
                .Where(o => o.Account == user && o.Status == "open").OrderByDescending(o => o.Oid).Select(o => (JsonNode)o.ToJson())]),
            "orderStatus" => OrderStatus(user, request["oid"]!),
            "userFills" => new JsonArray([.. (account?.Fills ?? []).AsEnumerable().Reverse().Select(f => f.DeepClone())]),
            "userFillsByTime" => new JsonArray([.. (account?.Fills ?? [])
                .Where(f => f["time"]!.GetValue<long>() >= request["startTime"]!.GetValue<long>()
                    && (request["endTime"] is not { } end || f["time"]!.GetValue<long>() <= end.GetValue<long>()))
                .Select(f => f.DeepClone())]),
            "userRateLimit" => new JsonObject { ["cumVlm"] = "1000.5", ["nRequestsUsed"] = 10, ["nRequestsCap"] = 11_000 },
            _ => new JsonObject { ["error"] = $"unknown info type {type}" },
        };
    }

    private JsonObject Meta() => new()
    {
        ["universe"] = new JsonArray([.. _assets.Select(a => (JsonNode)new JsonObject
        {
            ["szDecimals"] = a.SzDecimals,
            ["name"] = a.Coin,
            ["maxLeverage"] = a.MaxLeverage,
            ["marginTableId"] = a.MaxLeverage == 40 ? 56 : a.MaxLeverage,
        })]),
        ["marginTables"] = new JsonArray(new JsonArray(56, new JsonObject
        {
            ["description"] = "tiered 40x",
            ["marginTiers"] = new JsonArray(
                new JsonObject { ["lowerBound"] = "0.0", ["maxLeverage"] = 40 },
                new JsonObject { ["lowerBound"] = "150000000.0", ["maxLeverage"] = 20 }),
        })),
    };

    private JsonObject AllMids()
    {
        var mids = new JsonObject();
        foreach (var a in _assets)
        {
            mids[a.Coin] = ExchangeActions.Number(Mid(a));
        }

        return mids;
    }

    private Price Mid(FakeAsset asset)
    {
        var bids = Book(asset, bids: true);
        var asks = Book(asset, bids: false);
        return bids.Count > 0 && asks.Count > 0 ? new Price((bids[0].LimitPrice.Units + asks[0].LimitPrice.Units) / 2) : asset.Mid;
    }

    private JsonObject L2Book(string coin)
    {
        var asset = _assets.Single(a => a.Coin == coin);
        return new JsonObject
        {
            ["coin"] = coin,
            ["time"] = Now,
            ["levels"] = new JsonArray(Levels(Book(asset, bids: true)), Levels(Book(asset, bids: false))),
        };
    }

    private static JsonArray Levels(List<FakeOrder> side) => new([.. side
        .GroupBy(o => o.LimitPrice)
        .Select(g => (JsonNode)new JsonObject
        {
            ["px"] = ExchangeActions.Number(g.Key),
            ["sz"] = ExchangeActions.Number(g.Aggregate(Quantity.Zero, (s, o) => s + o.Remaining)),
            ["n"] = g.Count(),
        })]);

    private JsonNode OrderStatus(EthereumAddress user, JsonNode reference)
    {
        var order = reference.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? _orders.Values.FirstOrDefault(o => o.Oid == reference.GetValue<long>() && o.Account == user)
            : _orders.Values.Where(o => o.Cloid == reference.GetValue<string>() && o.Account == user).MaxBy(o => o.Oid);
        return order is null
            ? new JsonObject { ["status"] = "unknownOid" }
            : new JsonObject { ["status"] = "order", ["order"] = order.ToStatusJson() };
    }

    private JsonObject ClearinghouseState(FakeAccount? account)
    {
        var positions = new JsonArray();
        var unrealized = Money.Zero;
        var notional = Money.Zero;
        foreach (var (coin, p) in account?.Positions ?? [])
        {
            if (p.Size.IsZero)
            {
                continue;
            }

            var mark = Mid(_assets.Single(a => a.Coin == coin));
            var entry = p.EntryPrice!.Value;
            var upnl = new Money(FixedPointDivide((Int128)p.Size.Units * (mark.Units - entry.Units)));
            var value = Notional.Of(p.Size, mark, Rounding.HalfEven);
            unrealized += upnl;
            notional += value;
            positions.Add(new JsonObject
            {
                ["type"] = "oneWay",
                ["position"] = new JsonObject
                {
                    ["coin"] = coin,
                    ["szi"] = ExchangeActions.Number(p.Size),
                    ["entryPx"] = ExchangeActions.Number(entry),
                    ["leverage"] = new JsonObject { ["type"] = "cross", ["value"] = 1 },
                    ["liquidationPx"] = null,
                    ["marginUsed"] = value.ToString(),
                    ["positionValue"] = value.ToString(),
                    ["unrealizedPnl"] = upnl.ToString(),
                    ["returnOnEquity"] = "0.0",
                    ["maxTradeSzs"] = new JsonArray("0.0", "0.0"),
                },
            });
        }

        var accountValue = (account?.Collateral ?? Money.Zero) + unrealized;
        JsonObject Summary() => new()
        {
            ["accountValue"] = accountValue.ToString(),
            ["totalMarginUsed"] = notional.ToString(),
            ["totalNtlPos"] = notional.ToString(),
            ["totalRawUsd"] = accountValue.ToString(),
        };
        return new JsonObject
        {
            ["assetPositions"] = positions,
            ["marginSummary"] = Summary(),
            ["crossMarginSummary"] = Summary(),
            ["withdrawable"] = accountValue.ToString(),
            ["time"] = Now,
        };
    }
}
