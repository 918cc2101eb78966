using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Http;

/// <summary>One perpetual of <c>meta.universe</c>; its asset index is its position in the list.</summary>
/// <param name="Asset">The asset index orders and cancels name it by.</param>
/// <param name="Name">The coin ("BTC").</param>
/// <param name="SzDecimals">Decimals of a size.</param>
/// <param name="MaxLeverage">The highest leverage.</param>
/// <param name="OnlyIsolated">True when cross margin is not allowed.</param>
/// <param name="IsDelisted">True when the asset no longer trades.</param>
/// <param name="MarginTableId">The margin table it uses, or null for a flat table at <paramref name="MaxLeverage"/>.</param>
public sealed record PerpAssetMeta(int Asset, string Name, int SzDecimals, int MaxLeverage, bool OnlyIsolated, bool IsDelisted, int? MarginTableId);

/// <summary>A margin table of <c>meta.marginTables</c>.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Description">Its description ("tiered 40x").</param>
/// <param name="Tiers">Tiers by notional, lowest first.</param>
public sealed record PerpMarginTable(int Id, string Description, IReadOnlyList<MarginTier> Tiers);

/// <summary>The <c>meta</c> answer: the perp universe and the margin tables.</summary>
/// <param name="Universe">Assets in index order.</param>
/// <param name="MarginTables">Tables by id.</param>
public sealed record PerpMeta(IReadOnlyList<PerpAssetMeta> Universe, IReadOnlyDictionary<int, PerpMarginTable> MarginTables)
{
    /// <summary>Ids below this are flat tables at that leverage and are never listed.</summary>
    public const int FlatTablesBelow = 50;

    /// <summary>The margin tiers of an asset: its listed table, or one tier at its max leverage.</summary>
    public IReadOnlyList<MarginTier> TiersOf(PerpAssetMeta asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.MarginTableId is { } id && MarginTables.TryGetValue(id, out var table) && table.Tiers.Count > 0)
        {
            return table.Tiers;
        }

        var flat = asset.MarginTableId is { } flatId and > 0 and < FlatTablesBelow ? Math.Min(flatId, asset.MaxLeverage) : asset.MaxLeverage;
        return [new MarginTier(Money.Zero, flat)];
    }
}

/// <summary>One level of an L2 book.</summary>
/// <param name="Price">The level's price.</param>
/// <param name="Size">Total size there.</param>
/// <param name="Orders">How many orders.</param>
public readonly record struct L2Level(Price Price, Quantity Size, int Orders);

/// <summary>The <c>l2Book</c> answer.</summary>
/// <param name="Coin">The coin.</param>
/// <param name="Time">When the venue produced it (ms).</param>
/// <param name="Bids">Bids, best first.</param>
/// <param name="Asks">Asks, best first.</param>
public sealed record L2Book(string Coin, long Time, IReadOnlyList<L2Level> Bids, IReadOnlyList<L2Level> Asks);

/// <summary>Account totals of <c>clearinghouseState</c>.</summary>
/// <param name="AccountValue">Collateral plus unrealized PnL.</param>
/// <param name="TotalMarginUsed">Margin in use.</param>
/// <param name="TotalNotionalPosition">Sum of position notionals.</param>
/// <param name="TotalRawUsd">The raw USD balance (collateral with position cash flows).</param>
public sealed record MarginSummary(Money AccountValue, Money TotalMarginUsed, Money TotalNotionalPosition, Money TotalRawUsd);

/// <summary>One position of <c>clearinghouseState.assetPositions</c>.</summary>
/// <param name="Coin">The coin.</param>
/// <param name="Size">Signed size (szi).</param>
/// <param name="EntryPrice">Average entry price, if any.</param>
/// <param name="IsCross">True for cross margin.</param>
/// <param name="Leverage">Leverage setting.</param>
/// <param name="LiquidationPrice">Liquidation price, or null when none.</param>
/// <param name="MarginUsed">Margin held.</param>
/// <param name="PositionValue">Notional at mark.</param>
/// <param name="UnrealizedPnl">PnL at mark.</param>
/// <param name="ReturnOnEquity">PnL over margin.</param>
public sealed record AssetPosition(
    string Coin,
    Quantity Size,
    Price? EntryPrice,
    bool IsCross,
    int Leverage,
    Price? LiquidationPrice,
    Money MarginUsed,
    Money PositionValue,
    Money UnrealizedPnl,
    Rate ReturnOnEquity);

/// <summary>The <c>clearinghouseState</c> answer.</summary>
/// <param name="MarginSummary">Totals over all positions.</param>
/// <param name="CrossMarginSummary">Totals over cross positions.</param>
/// <param name="Withdrawable">What can be withdrawn.</param>
/// <param name="Positions">Open positions.</param>
/// <param name="Time">When produced (ms), when the venue says.</param>
public sealed record ClearinghouseState(MarginSummary MarginSummary, MarginSummary CrossMarginSummary, Money Withdrawable, IReadOnlyList<AssetPosition> Positions, long? Time);

/// <summary>An open order (<c>openOrders</c>, or the richer <c>frontendOpenOrders</c> / <c>historicalOrders</c> form).</summary>
/// <param name="Coin">The coin.</param>
/// <param name="Side">Buy ("B") or sell ("A").</param>
/// <param name="LimitPrice">Limit price.</param>
/// <param name="Size">Remaining size.</param>
/// <param name="Oid">The venue's order id.</param>
/// <param name="Timestamp">Placement time (ms).</param>
/// <param name="OriginalSize">Size as placed, when given.</param>
/// <param name="Cloid">The client order id, when it had one.</param>
/// <param name="IsTrigger">True for TP/SL orders.</param>
/// <param name="TriggerPrice">Trigger price of a trigger order.</param>
/// <param name="OrderType">"Limit", "Stop Market", "Take Profit Market"...</param>
/// <param name="ReduceOnly">True when reduce-only.</param>
/// <param name="TimeInForce">"Gtc", "Ioc", "Alo", or null for triggers.</param>
/// <param name="Children">TP/SL children of a parent order.</param>
public sealed record OpenOrder(
    string Coin,
    Side Side,
    Price LimitPrice,
    Quantity Size,
    long Oid,
    long Timestamp,
    Quantity? OriginalSize,
    Cloid? Cloid,
    bool IsTrigger,
    Price? TriggerPrice,
    string? OrderType,
    bool ReduceOnly,
    string? TimeInForce,
    IReadOnlyList<OpenOrder> Children);

/// <summary>An order of <c>historicalOrders</c> with its final or current status.</summary>
/// <param name="Order">The order.</param>
/// <param name="Status">"open", "filled", "canceled", "iocCancelRejected"...</param>
/// <param name="StatusTimestamp">When it reached the status (ms).</param>
public sealed record HistoricalOrder(OpenOrder Order, string Status, long StatusTimestamp);

/// <summary>One fill of <c>userFills</c> / <c>userFillsByTime</c> / the userFills channel.</summary>
/// <param name="Coin">The coin.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Size">Executed size.</param>
/// <param name="Side">The account's side.</param>
/// <param name="Time">Execution time (ms).</param>
/// <param name="StartPosition">Position before the fill.</param>
/// <param name="Direction">"Open Long", "Close Short"...</param>
/// <param name="ClosedPnl">Realized PnL.</param>
/// <param name="Hash">The transaction hash.</param>
/// <param name="Oid">The order filled.</param>
/// <param name="Crossed">True when the order took liquidity.</param>
/// <param name="Fee">Fee charged (negative: rebate).</param>
/// <param name="Tid">The trade id, when the venue sends it.</param>
/// <param name="Cloid">The client order id of the order filled, when it had one.</param>
public sealed record UserFill(
    string Coin,
    Price Price,
    Quantity Size,
    Side Side,
    long Time,
    Quantity StartPosition,
    string Direction,
    Money ClosedPnl,
    string Hash,
    long Oid,
    bool Crossed,
    Money Fee,
    long? Tid,
    Cloid? Cloid)
{
    /// <summary>
    /// The fill's unique id: its trade id; fills recorded before the venue sent one are told apart by transaction
    /// hash, order, starting position, price and size (one order can fill twice at one price in one transaction).
    /// </summary>
    public string FillId => Tid is { } tid
        ? tid.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : $"{Hash}:{Oid}:{StartPosition}:{Price}:{Size}";
}

/// <summary>One funding settlement of <c>fundingHistory</c>.</summary>
/// <param name="Coin">The coin.</param>
/// <param name="FundingRate">Rate per hour.</param>
/// <param name="Premium">The premium component.</param>
/// <param name="Time">Settlement time (ms).</param>
public sealed record FundingRecord(string Coin, Rate FundingRate, Rate Premium, long Time);

/// <summary>One candle of <c>candleSnapshot</c>.</summary>
/// <param name="Coin">The coin.</param>
/// <param name="Interval">"1m", "1h"...</param>
/// <param name="OpenTime">Start (ms).</param>
/// <param name="CloseTime">End (ms).</param>
/// <param name="Open">Open price.</param>
/// <param name="High">High price.</param>
/// <param name="Low">Low price.</param>
/// <param name="Close">Close price.</param>
/// <param name="Volume">Base volume.</param>
/// <param name="Trades">Number of trades.</param>
public sealed record Candle(string Coin, string Interval, long OpenTime, long CloseTime, Price Open, Price High, Price Low, Price Close, Quantity Volume, long Trades);

/// <summary>The <c>userRateLimit</c> answer: the address-based request budget.</summary>
/// <param name="CumulativeVolume">Cumulative traded volume (rounded down to the micro-USDC).</param>
/// <param name="RequestsUsed">Requests spent.</param>
/// <param name="RequestsCap">Requests allowed so far.</param>
public sealed record UserRateLimit(Money CumulativeVolume, long RequestsUsed, long RequestsCap)
{
    /// <summary>Requests left before the address is limited.</summary>
    public long Remaining => Math.Max(0, RequestsCap - RequestsUsed);
}

/// <summary>One entry of <c>userNonFundingLedgerUpdates</c>.</summary>
/// <param name="Time">When (ms).</param>
/// <param name="Hash">Transaction hash.</param>
/// <param name="Type">"deposit", "withdraw", "accountClassTransfer", "spotTransfer"...</param>
/// <param name="Usdc">The USDC amount (rounded down to the micro-USDC), when the entry has one.</param>
public sealed record LedgerUpdate(long Time, string Hash, string Type, Money? Usdc);
