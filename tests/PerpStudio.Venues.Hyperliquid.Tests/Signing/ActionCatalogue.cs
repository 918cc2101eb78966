using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;

namespace PerpStudio.Venues.Hyperliquid.Tests.Signing;

/// <summary>One of every L1 action the adapter sends, in its variants.</summary>
public static class ActionCatalogue
{
    private static readonly Cloid SomeCloid = Cloid.For(new Domain.Orders.ClientOrderId("order-1"));
    private static readonly EthereumAddress Builder = EthereumAddress.Parse("0x8c967E73E7B15087c42A10D344cFf4c96D877f1D");

    public static IReadOnlyDictionary<string, WireMap> L1Actions { get; } = new Dictionary<string, WireMap>
    {
        ["order gtc"] = ExchangeActions.Order([Limit(HyperliquidTif.Gtc)]),
        ["order ioc with cloid"] = ExchangeActions.Order([Limit(HyperliquidTif.Ioc) with { Cloid = SomeCloid }]),
        ["order alo reduce-only"] = ExchangeActions.Order([Limit(HyperliquidTif.Alo) with { ReduceOnly = true }]),
        ["order take profit market"] = ExchangeActions.Order([Limit(HyperliquidTif.Gtc) with { Kind = OrderKind.Trigger(Price.Of(31000m), true, HyperliquidTpsl.TakeProfit), ReduceOnly = true }]),
        ["order stop loss limit"] = ExchangeActions.Order([Limit(HyperliquidTif.Gtc) with { Kind = OrderKind.Trigger(Price.Of(29000.5m), false, HyperliquidTpsl.StopLoss) }]),
        ["order normalTpsl with builder"] = ExchangeActions.Order(
            [Limit(HyperliquidTif.Gtc), Limit(HyperliquidTif.Gtc) with { IsBuy = false, Kind = OrderKind.Trigger(Price.Of(35000m), true, HyperliquidTpsl.TakeProfit), ReduceOnly = true }],
            OrderGrouping.NormalTpsl,
            new BuilderFee(Builder, 10)),
        ["order positionTpsl"] = ExchangeActions.Order([Limit(HyperliquidTif.Gtc) with { Kind = OrderKind.Trigger(Price.Of(25000m), true, HyperliquidTpsl.StopLoss) }], OrderGrouping.PositionTpsl),
        ["cancel"] = ExchangeActions.Cancel([(0, 91490942L), (3, 1L)]),
        ["cancelByCloid"] = ExchangeActions.CancelByCloid([(0, SomeCloid)]),
        ["modify by oid"] = ExchangeActions.Modify(91490942L, null, Limit(HyperliquidTif.Gtc)),
        ["modify by cloid"] = ExchangeActions.Modify(null, SomeCloid, Limit(HyperliquidTif.Alo) with { Cloid = SomeCloid }),
        ["batchModify"] = ExchangeActions.BatchModify([(1L, null, Limit(HyperliquidTif.Gtc)), (null, SomeCloid, Limit(HyperliquidTif.Ioc))]),
        ["scheduleCancel at a time"] = ExchangeActions.ScheduleCancel(1_700_000_000_000L),
        ["scheduleCancel cleared"] = ExchangeActions.ScheduleCancel(null),
        ["updateLeverage isolated"] = ExchangeActions.UpdateLeverage(0, isCross: false, 10),
        ["updateIsolatedMargin remove"] = ExchangeActions.UpdateIsolatedMargin(2, isBuy: true, Money.Of(-12.5m)),
    };

    private static OrderWire Limit(HyperliquidTif tif) =>
        new(0, true, Price.Of(30000.5m), Quantity.Of(0.0123m), false, OrderKind.Limit(tif), null);
}
