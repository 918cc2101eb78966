using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Venues.Hyperliquid.Http;

/// <summary>
/// Builds /exchange actions with their keys in the reference SDK's order (the msgpack of the action is hashed, so the
/// order is part of the signature). Numbers are normalized decimal strings of at most 8 decimals; addresses lower-case.
/// </summary>
public static class ExchangeActions
{
    /// <summary>An order action: {type, orders, grouping, builder?}.</summary>
    public static WireMap Order(IReadOnlyList<OrderWire> orders, OrderGrouping grouping = OrderGrouping.None, BuilderFee? builder = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0)
        {
            throw new ArgumentException("an order action needs at least one order", nameof(orders));
        }

        var action = new WireMap
        {
            { "type", WireValue.Of("order") },
            { "orders", new WireList(orders.Select(OrderBody)) },
            { "grouping", WireValue.Of(GroupingText(grouping)) },
        };
        if (builder is not null)
        {
            action.Add("builder", new WireMap
            {
                { "b", WireValue.Of(builder.Builder.ToLowerHex()) },
                { "f", WireValue.Of(builder.TenthsOfBasisPoint) },
            });
        }

        return action;
    }

    /// <summary>A cancel by order id: {type, cancels: [{a, o}]}.</summary>
    public static WireMap Cancel(IReadOnlyList<(int Asset, long Oid)> cancels) => new()
    {
        { "type", WireValue.Of("cancel") },
        {
            "cancels", new WireList(cancels.Select(c => (WireValue)new WireMap
            {
                { "a", WireValue.Of(c.Asset) },
                { "o", WireValue.Of(c.Oid) },
            }))
        },
    };

    /// <summary>A cancel by client order id: {type, cancels: [{asset, cloid}]}.</summary>
    public static WireMap CancelByCloid(IReadOnlyList<(int Asset, Cloid Cloid)> cancels) => new()
    {
        { "type", WireValue.Of("cancelByCloid") },
        {
            "cancels", new WireList(cancels.Select(c => (WireValue)new WireMap
            {
                { "asset", WireValue.Of(c.Asset) },
                { "cloid", WireValue.Of(c.Cloid.Hex) },
            }))
        },
    };

    /// <summary>A single modify: {type, oid (order id or cloid), order}.</summary>
    public static WireMap Modify(long? oid, Cloid? cloid, OrderWire order) => new()
    {
        { "type", WireValue.Of("modify") },
        { "oid", OrderReference(oid, cloid) },
        { "order", OrderBody(order) },
    };

    /// <summary>A batch modify: {type, modifies: [{oid, order}]}.</summary>
    public static WireMap BatchModify(IReadOnlyList<(long? Oid, Cloid? Cloid, OrderWire Order)> modifies) => new()
    {
        { "type", WireValue.Of("batchModify") },
        {
            "modifies", new WireList(modifies.Select(m => (WireValue)new WireMap
            {
                { "oid", OrderReference(m.Oid, m.Cloid) },
                { "order", OrderBody(m.Order) },
            }))
        },
    };

    /// <summary>The dead man's switch: {type, time?}; no time clears a scheduled cancel.</summary>
    public static WireMap ScheduleCancel(long? time)
    {
        var action = new WireMap { { "type", WireValue.Of("scheduleCancel") } };
        if (time is { } t)
        {
            action.Add("time", WireValue.Of(t));
        }

        return action;
    }

    /// <summary>Sets an asset's leverage and margin mode: {type, asset, isCross, leverage}.</summary>
    public static WireMap UpdateLeverage(int asset, bool isCross, int leverage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leverage, 1);
        return new WireMap
        {
            { "type", WireValue.Of("updateLeverage") },
            { "asset", WireValue.Of(asset) },
            { "isCross", WireValue.Of(isCross) },
            { "leverage", WireValue.Of(leverage) },
        };
    }

    /// <summary>Adds (positive) or removes (negative) isolated margin: {type, asset, isBuy, ntli} with ntli in micro-USDC.</summary>
    public static WireMap UpdateIsolatedMargin(int asset, bool isBuy, Money amount) => new()
    {
        { "type", WireValue.Of("updateIsolatedMargin") },
        { "asset", WireValue.Of(asset) },
        { "isBuy", WireValue.Of(isBuy) },
        // ntli counts micro-USDC, exactly the ledger's unit
        { "ntli", WireValue.Of(amount.Units) },
    };

    /// <summary>Approves an agent wallet (user-signed): {type, agentAddress, agentName, nonce, signatureChainId, hyperliquidChain}.</summary>
    public static WireMap ApproveAgent(EthereumAddress agent, string? agentName, long nonce, HyperliquidNetwork network, string signatureChainId = UserSignedActionSigning.DefaultSignatureChainId) => new()
    {
        { "type", WireValue.Of("approveAgent") },
        { "agentAddress", WireValue.Of(agent.ToLowerHex()) },
        { "agentName", WireValue.Of(agentName ?? "") },
        { "nonce", WireValue.Of(nonce) },
        { "signatureChainId", WireValue.Of(signatureChainId) },
        { "hyperliquidChain", WireValue.Of(network.ChainName()) },
    };

    /// <summary>Approves a builder fee up to a maximum rate (user-signed): {type, maxFeeRate ("0.01%"), builder, nonce, ...}.</summary>
    public static WireMap ApproveBuilderFee(EthereumAddress builder, Rate maxFeeRate, long nonce, HyperliquidNetwork network, string signatureChainId = UserSignedActionSigning.DefaultSignatureChainId)
    {
        // the venue takes the rate as a percentage string
        var percent = new Rate(checked(maxFeeRate.Units * 100));
        return new WireMap
        {
            { "type", WireValue.Of("approveBuilderFee") },
            { "maxFeeRate", WireValue.Of(percent + "%") },
            { "builder", WireValue.Of(builder.ToLowerHex()) },
            { "nonce", WireValue.Of(nonce) },
            { "signatureChainId", WireValue.Of(signatureChainId) },
            { "hyperliquidChain", WireValue.Of(network.ChainName()) },
        };
    }

    /// <summary>A number as the wire carries it: normalized, no trailing zeros, at most 8 decimals, never "-0".</summary>
    public static string Number(Price value) => ScaledDecimal.Format(value.Units, Price.Scale);

    /// <summary>A size as the wire carries it.</summary>
    public static string Number(Quantity value) => ScaledDecimal.Format(value.Units, Quantity.Scale);

    /// <summary>The batch length the rate limit counts for an action.</summary>
    public static int BatchLength(WireMap action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var key in new[] { "orders", "cancels", "modifies" })
        {
            if (action[key] is WireList list)
            {
                return list.Count;
            }
        }

        return 1;
    }

    private static WireValue OrderBody(OrderWire order)
    {
        var body = new WireMap
        {
            { "a", WireValue.Of(order.Asset) },
            { "b", WireValue.Of(order.IsBuy) },
            { "p", WireValue.Of(Number(order.LimitPrice)) },
            { "s", WireValue.Of(Number(order.Size)) },
            { "r", WireValue.Of(order.ReduceOnly) },
            { "t", OrderType(order.Kind) },
        };
        if (order.Cloid is { } cloid)
        {
            body.Add("c", WireValue.Of(cloid.Hex));
        }

        return body;
    }

    private static WireMap OrderType(OrderKind kind)
    {
        if (kind.Tif is { } tif)
        {
            return new WireMap { { "limit", new WireMap { { "tif", WireValue.Of(tif.ToString()) } } } };
        }

        var triggerPrice = kind.TriggerPrice ?? throw new ArgumentException("a trigger order needs a trigger price", nameof(kind));
        return new WireMap
        {
            {
                "trigger", new WireMap
                {
                    { "isMarket", WireValue.Of(kind.IsMarket) },
                    { "triggerPx", WireValue.Of(Number(triggerPrice)) },
                    { "tpsl", WireValue.Of(kind.Tpsl == HyperliquidTpsl.TakeProfit ? "tp" : "sl") },
                }
            },
        };
    }

    private static WireValue OrderReference(long? oid, Cloid? cloid) => (oid, cloid) switch
    {
        ({ } o, null) => WireValue.Of(o),
        (null, { } c) => WireValue.Of(c.Hex),
        _ => throw new ArgumentException("name the order by exactly one of oid and cloid"),
    };

    private static string GroupingText(OrderGrouping grouping) => grouping switch
    {
        OrderGrouping.None => "na",
        OrderGrouping.NormalTpsl => "normalTpsl",
        OrderGrouping.PositionTpsl => "positionTpsl",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
    };
}
