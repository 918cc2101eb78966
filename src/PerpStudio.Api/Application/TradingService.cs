using PerpStudio.Api.Errors;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Application;

/// <summary>The result of placing an order with optional TP/SL attached.</summary>
/// <param name="Order">The order.</param>
/// <param name="Duplicate">True when the client order id was already placed.</param>
/// <param name="Attached">TP/SL orders placed for the resulting position.</param>
/// <param name="AttachRefusal">Why TP/SL could not be attached after the order was accepted, or null.</param>
public sealed record PlacedOrder(OrderView Order, bool Duplicate, IReadOnlyList<OrderView> Attached, ApiError? AttachRefusal);

/// <summary>A leverage change and the liquidation price it leaves.</summary>
/// <param name="Setting">The leverage in force.</param>
/// <param name="LiquidationPrice">The position's liquidation price after it, when there is a position.</param>
public sealed record LeverageUpdate(LeverageSetting Setting, LiquidationPrice LiquidationPrice);

/// <summary>An isolated-margin transfer and the position and free collateral after it.</summary>
/// <param name="Receipt">The transfer.</param>
/// <param name="Position">The position after it.</param>
/// <param name="FreeCollateral">Free collateral after it.</param>
public sealed record IsolatedMarginUpdate(IsolatedMarginReceipt Receipt, PositionView? Position, Money FreeCollateral);

/// <summary>
/// Orders and positions of the authenticated trader: place, cancel, modify, close, leverage, isolated margin, TP/SL.
/// The account is always the caller's own; a refusal throws <see cref="ApiException"/> and changes nothing.
/// </summary>
public sealed class TradingService(IGrainFactory grains, OperatorRules rules)
{
    /// <summary>Places an order; leverage 0 takes the position's current leverage or the operator's default.</summary>
    public async Task<PlacedOrder> PlaceOrderAsync(CallerContext caller, OrderRequest order, Price? takeProfit = null, Price? stopLoss = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        await rules.RequireModeAsync(caller.OperatorId!, order.Market, order.MarginMode);
        if ((takeProfit is not null || stopLoss is not null) && order.Type != OrderType.Market)
        {
            throw new ApiException(ApiError.Invalid(takeProfit is not null ? "take_profit_price" : "stop_loss_price", "tpsl_requires_market_order",
                "take-profit and stop-loss attach to market orders; set them on a resting order's position with SetTpSl once it fills"));
        }

        if (order.Leverage == 0)
        {
            order = order with { Leverage = await CurrentLeverageAsync(caller, order.Market, order.MarginMode) };
        }

        var grain = grains.GetGrain<IAccountGrain>(account);
        var result = await grain.PlaceOrderAsync(order);
        var placed = Unwrap(result);
        if (takeProfit is null && stopLoss is null || result.Duplicate)
        {
            return new PlacedOrder(placed, result.Duplicate, [], null);
        }

        try
        {
            var attached = await ReplaceTpSlAsync(grain, order.Market, takeProfit, stopLoss);
            return new PlacedOrder(placed, false, attached, null);
        }
        catch (ApiException refusal)
        {
            // the order itself stands: report why its protection could not be attached instead of failing the call
            return new PlacedOrder(placed, false, [], refusal.Error);
        }
    }

    /// <summary>Cancels an open order by client order id.</summary>
    public async Task<OrderView> CancelOrderAsync(CallerContext caller, ClientOrderId clientOrderId)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        return Unwrap(await grains.GetGrain<IAccountGrain>(account).CancelOrderByClientIdAsync(clientOrderId));
    }

    /// <summary>Cancels an open order by the platform's order id.</summary>
    public async Task<OrderView> CancelOrderByIdAsync(CallerContext caller, string orderId)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        return Unwrap(await grains.GetGrain<IAccountGrain>(account).CancelOrderAsync(orderId));
    }

    /// <summary>Cancels every open order (of one market, or all); returns those cancelled.</summary>
    public async Task<IReadOnlyList<OrderView>> CancelAllOrdersAsync(CallerContext caller, MarketId? market)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        var grain = grains.GetGrain<IAccountGrain>(account);
        var cancelled = new List<OrderView>();
        foreach (var order in await grain.GetOpenOrdersAsync())
        {
            if (market is { } m && order.Request.Market != m)
            {
                continue;
            }

            var result = await grain.CancelOrderAsync(order.OrderId);
            if (result.IsSuccess && result.Order is { } view)
            {
                cancelled.Add(view);
            }
        }

        return cancelled;
    }

    /// <summary>Changes a resting limit order's price or size.</summary>
    public async Task<OrderView> ModifyOrderAsync(CallerContext caller, ClientOrderId clientOrderId, Quantity? newSize, Price? newPrice)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        if (newSize is null && newPrice is null)
        {
            throw new ApiException(ApiError.Invalid("size", "nothing_to_modify", "give a new size or a new limit price"));
        }

        return Unwrap(await grains.GetGrain<IAccountGrain>(account).ModifyOrderAsync(new OrderModification(clientOrderId, newPrice, newSize)));
    }

    /// <summary>Closes (part of) the position in a market with a reduce-only market order.</summary>
    public async Task<OrderView> ClosePositionAsync(CallerContext caller, MarketId market, Quantity? size, ClientOrderId? clientOrderId)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        var grain = grains.GetGrain<IAccountGrain>(account);
        var position = await PositionAsync(grain, market)
            ?? throw new ApiException(ApiError.NotFound("market", "no_position", $"there is no open position in {market}"));
        var id = clientOrderId ?? new ClientOrderId("close:" + Identity.CredentialSecrets.NewId());
        return Unwrap(await grain.ClosePositionAsync(new ClosePosition(id, market, position.Mode, size)));
    }

    /// <summary>Sets the leverage for a market and mode.</summary>
    public async Task<LeverageUpdate> UpdateLeverageAsync(CallerContext caller, MarketId market, MarginMode mode, int leverage)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        await rules.RequireModeAsync(caller.OperatorId!, market, mode);
        var grain = grains.GetGrain<IAccountGrain>(account);
        var setting = Unwrap(await grain.UpdateLeverageAsync(new LeverageChange(market, mode, leverage)));
        var position = await PositionAsync(grain, market);
        return new LeverageUpdate(setting, position?.LiquidationPrice ?? LiquidationPrice.None);
    }

    /// <summary>Adds (positive) or removes (negative) margin of the isolated position in a market, once per transfer id.</summary>
    public async Task<IsolatedMarginUpdate> UpdateIsolatedMarginAsync(CallerContext caller, MarketId market, Money amount, string transferId)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        if (amount.IsZero)
        {
            throw new ApiException(ApiError.Invalid("amount", "amount_zero", "amount must be positive (add) or negative (remove), not 0"));
        }

        var grain = grains.GetGrain<IAccountGrain>(account);
        var change = new IsolatedMarginChange(transferId, market, amount.Abs());
        var receipt = Unwrap(amount.IsPositive ? await grain.AddIsolatedMarginAsync(change) : await grain.RemoveIsolatedMarginAsync(change));
        var view = await grain.GetRiskViewAsync();
        var position = view.Positions.FirstOrDefault(p => p.Market == market && p.Mode == MarginMode.Isolated);
        return new IsolatedMarginUpdate(receipt, position, view.Summary.FreeCollateral);
    }

    /// <summary>Sets or clears TP/SL of the position in a market (reduce-only trigger orders for its whole size).</summary>
    public async Task<IReadOnlyList<OrderView>> SetTpSlAsync(CallerContext caller, MarketId market, Price? takeProfit, Price? stopLoss)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        var grain = grains.GetGrain<IAccountGrain>(account);
        return await ReplaceTpSlAsync(grain, market, takeProfit, stopLoss);
    }

    private static async Task<IReadOnlyList<OrderView>> ReplaceTpSlAsync(IAccountGrain grain, MarketId market, Price? takeProfit, Price? stopLoss)
    {
        var position = await PositionAsync(grain, market)
            ?? throw new ApiException(ApiError.NotFound("market", "no_position", $"there is no open position in {market} to protect"));
        var side = position.Size.IsPositive ? Side.Sell : Side.Buy;
        var size = position.Size.Abs();
        var requests = new List<OrderRequest>();
        if (takeProfit is { } tp)
        {
            requests.Add(Trigger(market, side, size, position, TriggerKind.TakeProfit, tp));
        }

        if (stopLoss is { } sl)
        {
            requests.Add(Trigger(market, side, size, position, TriggerKind.StopLoss, sl));
        }

        var previous = (await grain.GetOpenOrdersAsync())
            .Where(o => o.Request.Market == market && o.Request.Trigger != TriggerKind.None && o.Request.ReduceOnly)
            .ToList();
        var placed = new List<OrderView>();
        foreach (var request in requests)
        {
            var result = await grain.PlaceOrderAsync(request);
            if (!result.IsSuccess)
            {
                // undo what this call placed so that a refusal leaves the previous protection as it was
                foreach (var done in placed)
                {
                    await grain.CancelOrderAsync(done.OrderId);
                }

                throw new ApiException(Renamed(result.Error!, request.Trigger));
            }

            placed.Add(result.Order!);
        }

        foreach (var old in previous)
        {
            await grain.CancelOrderAsync(old.OrderId);
        }

        return placed;
    }

    private static DomainError Renamed(DomainError error, TriggerKind kind) =>
        error.Field == "trigger_price"
            ? error with { Field = kind == TriggerKind.TakeProfit ? "take_profit_price" : "stop_loss_price" }
            : error;

    private static OrderRequest Trigger(MarketId market, Side side, Quantity size, PositionView position, TriggerKind kind, Price price) =>
        new(new ClientOrderId($"{(kind == TriggerKind.TakeProfit ? "tp" : "sl")}:{Identity.CredentialSecrets.NewId()}"),
            market, side, OrderType.Market, size, null, TimeInForce.Ioc, true, position.Mode, position.Leverage, kind, price);

    private async Task<int> CurrentLeverageAsync(CallerContext caller, MarketId market, MarginMode mode)
    {
        var grain = grains.GetGrain<IAccountGrain>(caller.AccountKey);
        var position = (await grain.GetRiskViewAsync()).Positions.FirstOrDefault(p => p.Market == market && p.Mode == mode && !p.Size.IsZero);
        return position?.Leverage ?? (await rules.OfferingAsync(caller.OperatorId!, market)).DefaultLeverage;
    }

    private static async Task<PositionView?> PositionAsync(IAccountGrain grain, MarketId market) =>
        (await grain.GetRiskViewAsync()).Positions.FirstOrDefault(p => p.Market == market && !p.Size.IsZero);

    internal static OrderView Unwrap(OrderResult result) =>
        result.Error is { } error ? throw new ApiException(error)
        : result.Order ?? throw new InvalidOperationException("the account accepted an order operation without returning the order");

    internal static T Unwrap<T>(Result<T> result) => result.IsSuccess ? result.Value : throw new ApiException(result.Error);
}
