using System.Text.Json;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Hyperliquid.Common;
using static PerpStudio.Venues.Hyperliquid.Common.HyperliquidJson;

namespace PerpStudio.Venues.Hyperliquid.Http;

/// <summary>Parses /info answers into exact models; anything unexpected fails with its JSON path.</summary>
public static class InfoParsing
{
    /// <summary>Parses <c>meta</c>.</summary>
    public static PerpMeta Meta(JsonElement root)
    {
        var universe = new List<PerpAssetMeta>();
        var index = 0;
        foreach (var item in Array(root, "universe", "meta"))
        {
            var path = $"meta.universe[{index}]";
            var szDecimals = (int)Int64(item, "szDecimals", path);
            if (szDecimals is < 0 or > HyperliquidPriceRules.MaxPerpDecimals)
            {
                throw new HyperliquidFormatException($"{path}.szDecimals: {szDecimals} is outside 0..6");
            }

            var maxLeverage = (int)Int64(item, "maxLeverage", path);
            if (maxLeverage < 1)
            {
                throw new HyperliquidFormatException($"{path}.maxLeverage: {maxLeverage} is below 1");
            }

            universe.Add(new PerpAssetMeta(
                index,
                String(item, "name", path),
                szDecimals,
                maxLeverage,
                Optional(item, "onlyIsolated")?.GetBoolean() ?? false,
                Optional(item, "isDelisted")?.GetBoolean() ?? false,
                Optional(item, "marginTableId") is { } id ? id.GetInt32() : null));
            index++;
        }

        var tables = new Dictionary<int, PerpMarginTable>();
        if (Optional(root, "marginTables") is { } marginTables)
        {
            var t = 0;
            foreach (var pair in Array(marginTables, "meta.marginTables"))
            {
                var path = $"meta.marginTables[{t++}]";
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                {
                    throw new HyperliquidFormatException($"{path}: expected [id, table]");
                }

                var id = pair[0].GetInt32();
                var body = pair[1];
                var tiers = new List<MarginTier>();
                var k = 0;
                foreach (var tier in Array(body, "marginTiers", path))
                {
                    var tierPath = $"{path}.marginTiers[{k++}]";
                    tiers.Add(new MarginTier(Money(tier, "lowerBound", tierPath), (int)Int64(tier, "maxLeverage", tierPath)));
                }

                tables[id] = new PerpMarginTable(id, Optional(body, "description")?.GetString() ?? "", tiers);
            }
        }

        return new PerpMeta(universe, tables);
    }

    /// <summary>Parses <c>allMids</c>: coin to mid price.</summary>
    public static IReadOnlyDictionary<string, Price> AllMids(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new HyperliquidFormatException($"allMids: expected an object, got {root.ValueKind}");
        }

        var mids = new Dictionary<string, Price>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            mids[property.Name] = ParsePrice(property.Value.GetString() ?? "", $"allMids.{property.Name}");
        }

        return mids;
    }

    /// <summary>Parses <c>l2Book</c> (and the l2Book channel's data).</summary>
    public static L2Book L2Book(JsonElement root)
    {
        var levels = Member(root, "levels", "l2Book");
        if (levels.ValueKind != JsonValueKind.Array || levels.GetArrayLength() != 2)
        {
            throw new HyperliquidFormatException("l2Book.levels: expected [bids, asks]");
        }

        return new L2Book(
            String(root, "coin", "l2Book"),
            Optional(root, "time")?.GetInt64() ?? 0,
            Levels(levels[0], "l2Book.levels[0]"),
            Levels(levels[1], "l2Book.levels[1]"));
    }

    /// <summary>Parses <c>clearinghouseState</c>.</summary>
    public static ClearinghouseState ClearinghouseState(JsonElement root)
    {
        const string Path = "clearinghouseState";
        var positions = new List<AssetPosition>();
        var i = 0;
        foreach (var item in Array(root, "assetPositions", Path))
        {
            var path = $"{Path}.assetPositions[{i++}].position";
            var p = Member(item, "position", path[..^9]);
            var leverage = Member(p, "leverage", path);
            positions.Add(new AssetPosition(
                String(p, "coin", path),
                Quantity(p, "szi", path),
                Optional(p, "entryPx") is { } entry ? ParsePrice(entry.GetString()!, $"{path}.entryPx") : null,
                String(leverage, "type", $"{path}.leverage") == "cross",
                (int)Int64(leverage, "value", $"{path}.leverage"),
                Optional(p, "liquidationPx") is { } liq ? ParsePrice(liq.GetString()!, $"{path}.liquidationPx") : null,
                Money(p, "marginUsed", path),
                Money(p, "positionValue", path),
                Money(p, "unrealizedPnl", path),
                Rate(p, "returnOnEquity", path)));
        }

        return new ClearinghouseState(
            Summary(Member(root, "marginSummary", Path), $"{Path}.marginSummary"),
            Summary(Member(root, "crossMarginSummary", Path), $"{Path}.crossMarginSummary"),
            Money(root, "withdrawable", Path),
            positions,
            Optional(root, "time")?.GetInt64());
    }

    /// <summary>Parses <c>openOrders</c>, <c>frontendOpenOrders</c> or a list of orders of the orderUpdates channel.</summary>
    public static IReadOnlyList<OpenOrder> OpenOrders(JsonElement root, string path = "openOrders")
    {
        var orders = new List<OpenOrder>();
        var i = 0;
        foreach (var item in Array(root, path))
        {
            orders.Add(Order(item, $"{path}[{i++}]"));
        }

        return orders;
    }

    /// <summary>Parses <c>historicalOrders</c>.</summary>
    public static IReadOnlyList<HistoricalOrder> HistoricalOrders(JsonElement root)
    {
        var orders = new List<HistoricalOrder>();
        var i = 0;
        foreach (var item in Array(root, "historicalOrders"))
        {
            var path = $"historicalOrders[{i++}]";
            orders.Add(new HistoricalOrder(Order(Member(item, "order", path), $"{path}.order"), String(item, "status", path), Int64(item, "statusTimestamp", path)));
        }

        return orders;
    }

    /// <summary>Parses one order object.</summary>
    public static OpenOrder Order(JsonElement item, string path)
    {
        var children = new List<OpenOrder>();
        if (Optional(item, "children") is { } kids)
        {
            var k = 0;
            foreach (var child in Array(kids, $"{path}.children"))
            {
                children.Add(Order(child, $"{path}.children[{k++}]"));
            }
        }

        var isTrigger = Optional(item, "isTrigger")?.GetBoolean() ?? false;
        return new OpenOrder(
            String(item, "coin", path),
            ParseSide(String(item, "side", path), $"{path}.side"),
            Price(item, "limitPx", path),
            Quantity(item, "sz", path),
            Int64(item, "oid", path),
            Int64(item, "timestamp", path),
            Optional(item, "origSz") is { } orig ? ParseQuantity(orig.GetString()!, $"{path}.origSz") : null,
            Optional(item, "cloid") is { } cloid ? ParseCloid(cloid.GetString(), $"{path}.cloid") : null,
            isTrigger,
            isTrigger && Optional(item, "triggerPx") is { } trigger ? ParsePrice(trigger.GetString()!, $"{path}.triggerPx") : null,
            Optional(item, "orderType")?.GetString(),
            Optional(item, "reduceOnly")?.GetBoolean() ?? false,
            Optional(item, "tif")?.GetString(),
            children);
    }

    /// <summary>Parses <c>userFills</c> / <c>userFillsByTime</c> or the channel's fills.</summary>
    public static IReadOnlyList<UserFill> UserFills(JsonElement root, string path = "userFills")
    {
        var fills = new List<UserFill>();
        var i = 0;
        foreach (var item in Array(root, path))
        {
            fills.Add(Fill(item, $"{path}[{i++}]"));
        }

        return fills;
    }

    /// <summary>Parses one fill.</summary>
    public static UserFill Fill(JsonElement item, string path) => new(
        String(item, "coin", path),
        Price(item, "px", path),
        Quantity(item, "sz", path),
        ParseSide(String(item, "side", path), $"{path}.side"),
        Int64(item, "time", path),
        Quantity(item, "startPosition", path),
        String(item, "dir", path),
        Money(item, "closedPnl", path),
        String(item, "hash", path),
        Int64(item, "oid", path),
        Boolean(item, "crossed", path),
        Money(item, "fee", path),
        Optional(item, "tid")?.GetInt64(),
        Optional(item, "cloid") is { } cloid ? ParseCloid(cloid.GetString(), $"{path}.cloid") : null);

    /// <summary>Parses <c>fundingHistory</c>.</summary>
    public static IReadOnlyList<FundingRecord> FundingHistory(JsonElement root)
    {
        var records = new List<FundingRecord>();
        var i = 0;
        foreach (var item in Array(root, "fundingHistory"))
        {
            var path = $"fundingHistory[{i++}]";
            records.Add(new FundingRecord(String(item, "coin", path), Rate(item, "fundingRate", path), Rate(item, "premium", path), Int64(item, "time", path)));
        }

        return records;
    }

    /// <summary>Parses <c>candleSnapshot</c>.</summary>
    public static IReadOnlyList<Candle> Candles(JsonElement root)
    {
        var candles = new List<Candle>();
        var i = 0;
        foreach (var item in Array(root, "candleSnapshot"))
        {
            var path = $"candleSnapshot[{i++}]";
            candles.Add(new Candle(
                String(item, "s", path),
                String(item, "i", path),
                Int64(item, "t", path),
                Int64(item, "T", path),
                Price(item, "o", path),
                Price(item, "h", path),
                Price(item, "l", path),
                Price(item, "c", path),
                Quantity(item, "v", path),
                Int64(item, "n", path)));
        }

        return candles;
    }

    /// <summary>Parses <c>userRateLimit</c>.</summary>
    public static UserRateLimit UserRateLimit(JsonElement root) => new(
        ParseMoneyRounded(String(root, "cumVlm", "userRateLimit"), "userRateLimit.cumVlm", Rounding.Floor),
        Int64(root, "nRequestsUsed", "userRateLimit"),
        Int64(root, "nRequestsCap", "userRateLimit"));

    /// <summary>Parses <c>userNonFundingLedgerUpdates</c>.</summary>
    public static IReadOnlyList<LedgerUpdate> LedgerUpdates(JsonElement root)
    {
        var updates = new List<LedgerUpdate>();
        var i = 0;
        foreach (var item in Array(root, "userNonFundingLedgerUpdates"))
        {
            var path = $"userNonFundingLedgerUpdates[{i++}]";
            var delta = Member(item, "delta", path);
            // the venue prints some amounts with float noise past the micro-USDC: credit no more than was received
            Money? usdc = Optional(delta, "usdc") is { } u ? ParseMoneyRounded(u.GetString()!, $"{path}.delta.usdc", Rounding.Floor) : null;
            updates.Add(new LedgerUpdate(Int64(item, "time", path), String(item, "hash", path), String(delta, "type", $"{path}.delta"), usdc));
        }

        return updates;
    }

    /// <summary>"B" is a buy, "A" (ask) a sell.</summary>
    public static Side ParseSide(string text, string path) => text switch
    {
        "B" => Side.Buy,
        "A" => Side.Sell,
        _ => throw new HyperliquidFormatException($"{path}: '{text}' is neither B nor A"),
    };

    private static Cloid ParseCloid(string? text, string path)
    {
        try
        {
            return Cloid.Parse(text);
        }
        catch (FormatException e)
        {
            throw new HyperliquidFormatException($"{path}: {e.Message}", e);
        }
    }

    private static MarginSummary Summary(JsonElement s, string path) => new(
        Money(s, "accountValue", path), Money(s, "totalMarginUsed", path), Money(s, "totalNtlPos", path), Money(s, "totalRawUsd", path));

    private static List<L2Level> Levels(JsonElement side, string path)
    {
        var levels = new List<L2Level>();
        var i = 0;
        foreach (var level in Array(side, path))
        {
            var p = $"{path}[{i++}]";
            levels.Add(new L2Level(Price(level, "px", p), Quantity(level, "sz", p), (int)Int64(level, "n", p)));
        }

        return levels;
    }
}
