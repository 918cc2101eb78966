using System.Globalization;
using System.Text;
using PerpStudio.Api.Application;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using Proto = PerpStudio.Contracts.V1;

namespace PerpStudio.Api.Grpc;

/// <summary>Domain and grain views to protobuf messages: exact decimal strings, unix milliseconds, proto enums.</summary>
public static class ProtoMapper
{
    /// <summary>An order.</summary>
    public static Proto.Order Order(OrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var r = order.Request;
        var proto = new Proto.Order
        {
            OrderId = order.OrderId,
            ClientOrderId = order.ClientOrderId.Value,
            Market = r.Market.Symbol,
            Side = Side(r.Side),
            Type = r.Type == OrderType.Market ? Proto.OrderType.Market : Proto.OrderType.Limit,
            Size = r.Size.ToString(),
            FilledSize = order.FilledSize.ToString(),
            LimitPrice = r.LimitPrice?.ToString() ?? string.Empty,
            TimeInForce = r.TimeInForce switch
            {
                TimeInForce.Gtc => Proto.TimeInForce.Gtc,
                TimeInForce.Ioc => Proto.TimeInForce.Ioc,
                _ => Proto.TimeInForce.PostOnly,
            },
            ReduceOnly = r.ReduceOnly,
            MarginMode = Mode(r.MarginMode),
            Leverage = (uint)Math.Max(0, r.Leverage),
            Trigger = r.Trigger switch
            {
                TriggerKind.TakeProfit => Proto.TriggerKind.TakeProfit,
                TriggerKind.StopLoss => Proto.TriggerKind.StopLoss,
                _ => Proto.TriggerKind.None,
            },
            TriggerPrice = r.TriggerPrice?.ToString() ?? string.Empty,
            Status = order.Status switch
            {
                OrderStatus.Pending => Proto.OrderStatus.Pending,
                OrderStatus.Open => Proto.OrderStatus.Open,
                OrderStatus.PartiallyFilled => Proto.OrderStatus.PartiallyFilled,
                OrderStatus.PendingTrigger => Proto.OrderStatus.TriggerPending,
                OrderStatus.Filled => Proto.OrderStatus.Filled,
                OrderStatus.Cancelled => Proto.OrderStatus.Cancelled,
                _ => Proto.OrderStatus.Rejected,
            },
            ReservedMargin = order.Reserved.ToString(),
            RejectReason = order.Reject?.ToString() ?? (order.Status == OrderStatus.NeverReached ? "never_reached: the order never reached a venue" : string.Empty),
            CreatedAtUnixMs = order.CreatedAt.ToUnixTimeMilliseconds(),
            UpdatedAtUnixMs = order.UpdatedAt.ToUnixTimeMilliseconds(),
        };
        if (order.Venue is { } venue)
        {
            proto.Venues.Add(venue);
        }

        return proto;
    }

    /// <summary>A position.</summary>
    public static Proto.Position Position(PositionDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var p = detail.View;
        var isolated = p.Mode == MarginMode.Isolated;
        var margin = isolated ? p.Margin : p.InitialMargin;
        return new Proto.Position
        {
            Market = p.Market.Symbol,
            MarginMode = Mode(p.Mode),
            Size = p.Size.ToString(),
            EntryPrice = p.EntryPrice.ToString(),
            MarkPrice = p.Mark.ToString(),
            LiquidationPrice = Liquidation(p.LiquidationPrice),
            Leverage = (uint)Math.Max(0, p.Leverage),
            Margin = margin.ToString(),
            MaintenanceMargin = p.MaintenanceMargin.ToString(),
            UnrealizedPnl = p.UnrealizedPnl.ToString(),
            ReturnOnEquity = Ratio(p.UnrealizedPnl.Units, p.InitialMargin.Units),
            Notional = p.PositionValue.ToString(),
            MarginRatio = isolated ? Ratio(p.MaintenanceMargin.Units, p.Margin.Units + p.UnrealizedPnl.Units) : string.Empty,
            TakeProfitPrice = detail.TakeProfit?.ToString() ?? string.Empty,
            StopLossPrice = detail.StopLoss?.ToString() ?? string.Empty,
        };
    }

    /// <summary>A fill.</summary>
    public static Proto.Fill Fill(FillView fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return new Proto.Fill
        {
            FillId = fill.FillId,
            ClientOrderId = fill.ClientOrderId.Value,
            Market = fill.Market.Symbol,
            Side = Side(fill.Side),
            Price = fill.Price.ToString(),
            Size = fill.Size.ToString(),
            Fee = fill.Fee.Total.ToString(),
            Maker = fill.Liquidity == Liquidity.Maker,
            RealizedPnl = fill.RealizedPnl.ToString(),
            Venue = fill.Venue,
            MarginMode = Mode(fill.Mode),
            TimeUnixMs = fill.Time.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>An account summary.</summary>
    public static Proto.AccountSummary Summary(AccountSummary summary, string traderAddress)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new Proto.AccountSummary
        {
            TraderAddress = traderAddress,
            Equity = summary.Equity.ToString(),
            Collateral = summary.Collateral.ToString(),
            CrossAccountValue = summary.CrossAccountValue.ToString(),
            CrossInitialMargin = summary.InitialMargin.ToString(),
            CrossMaintenanceMargin = summary.MaintenanceMargin.ToString(),
            CrossMarginRatio = summary.MarginRatio?.ToString() ?? string.Empty,
            FreeCollateral = summary.FreeCollateral.ToString(),
            IsolatedMargin = summary.IsolatedMargin.ToString(),
            ReservedMargin = summary.Reserved.ToString(),
            Withdrawable = summary.Withdrawable.ToString(),
            UnrealizedPnl = summary.UnrealizedPnl.ToString(),
        };
    }

    /// <summary>A ledger entry.</summary>
    public static Proto.LedgerEntry Ledger(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new Proto.LedgerEntry
        {
            EntryId = entry.Key,
            Kind = SnakeCase(entry.Kind.ToString()),
            Amount = entry.Amount.ToString(),
            BalanceAfter = entry.BalanceAfter.ToString(),
            Market = entry.Market?.Symbol ?? string.Empty,
            Reference = entry.Reference,
            TimeUnixMs = entry.Time.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>A liquidation price: empty when there is none, "any" when every price liquidates.</summary>
    public static string Liquidation(LiquidationPrice price) =>
        price.AtAnyPrice ? "any" : price.Unrounded?.ToString() ?? price.Price?.ToString() ?? string.Empty;

    /// <summary>A proto side.</summary>
    public static Proto.Side Side(Side side) => side == Domain.Primitives.Side.Buy ? Proto.Side.Buy : Proto.Side.Sell;

    /// <summary>A proto margin mode.</summary>
    public static Proto.MarginMode Mode(MarginMode mode) => mode == MarginMode.Cross ? Proto.MarginMode.Cross : Proto.MarginMode.Isolated;

    /// <summary>A page cursor.</summary>
    public static string Cursor(long? nextBefore) => nextBefore?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>numerator / denominator as a decimal fraction with 10 decimals (exact decimal arithmetic); empty when the denominator is not positive.</summary>
    public static string Ratio(long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            return string.Empty;
        }

        var value = decimal.Round((decimal)numerator / denominator, 10, MidpointRounding.ToEven);
        return value.ToString("0.##########", CultureInfo.InvariantCulture);
    }

    private static string SnakeCase(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(pascal[i]));
        }

        return text.ToString();
    }
}
