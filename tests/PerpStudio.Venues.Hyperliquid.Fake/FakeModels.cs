using System.Text.Json.Nodes;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.Tests.Fake;

/// <summary>One perp the fake lists.</summary>
public sealed record FakeAsset(int Index, string Coin, int SzDecimals, int MaxLeverage, Price Mid);

/// <summary>An order at the fake venue.</summary>
public sealed class FakeOrder
{
    public required long Oid { get; set; }

    public required EthereumAddress Account { get; init; }

    public required FakeAsset Asset { get; init; }

    public required bool IsBuy { get; init; }

    public required Price LimitPrice { get; set; }

    public required Quantity Remaining { get; set; }

    public required Quantity OriginalSize { get; set; }

    public required bool ReduceOnly { get; init; }

    public required string? Tif { get; init; }

    public string? Cloid { get; init; }

    public Price? TriggerPrice { get; init; }

    public bool IsMarketTrigger { get; init; }

    public string? Tpsl { get; init; }

    public required long Timestamp { get; set; }

    public string Status { get; set; } = "open";

    public long StatusTimestamp { get; set; }

    public bool IsTrigger => TriggerPrice is not null;

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["coin"] = Asset.Coin,
            ["side"] = IsBuy ? "B" : "A",
            ["limitPx"] = ExchangeActions.Number(LimitPrice),
            ["sz"] = ExchangeActions.Number(Remaining),
            ["oid"] = Oid,
            ["timestamp"] = Timestamp,
            ["origSz"] = ExchangeActions.Number(OriginalSize),
            ["isTrigger"] = IsTrigger,
            ["triggerPx"] = TriggerPrice is { } t ? ExchangeActions.Number(t) : "0.0",
            ["triggerCondition"] = IsTrigger ? $"Price {(Tpsl == "tp" == IsBuy ? "below" : "above")} {TriggerPrice}" : "N/A",
            ["orderType"] = !IsTrigger ? "Limit" : (Tpsl == "tp" ? "Take Profit" : "Stop") + (IsMarketTrigger ? " Market" : " Limit"),
            ["reduceOnly"] = ReduceOnly,
            ["tif"] = Tif,
            ["cloid"] = Cloid,
            ["children"] = new JsonArray(),
            ["isPositionTpsl"] = false,
        };
        return json;
    }

    public JsonObject ToStatusJson() => new()
    {
        ["order"] = ToJson(),
        ["status"] = Status,
        ["statusTimestamp"] = StatusTimestamp,
    };
}

/// <summary>A position of one account in one coin: size and cost basis kept exactly.</summary>
public sealed class FakePosition
{
    public Quantity Size { get; set; }

    /// <summary>Sum of price units x quantity units of the open size.</summary>
    public Int128 Cost { get; set; }

    public Price? EntryPrice => Size.IsZero ? null : new Price((long)(Cost / Size.Abs().Units));
}

/// <summary>An account at the fake venue.</summary>
public sealed class FakeAccount(EthereumAddress address, Money collateral)
{
    public EthereumAddress Address { get; } = address;

    public Money Collateral { get; set; } = collateral;

    public Dictionary<string, FakePosition> Positions { get; } = new(StringComparer.Ordinal);

    public List<JsonObject> Fills { get; } = [];

    public FakePosition PositionIn(string coin)
    {
        if (!Positions.TryGetValue(coin, out var position))
        {
            position = new FakePosition();
            Positions[coin] = position;
        }

        return position;
    }
}
