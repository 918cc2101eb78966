using PerpStudio.Api.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Application;

/// <summary>A preview: the figures, or the refusal the order would meet (validation refusals included).</summary>
/// <param name="Preview">The figures, when validation passed.</param>
/// <param name="Refusal">Why the order would be refused, or null.</param>
/// <param name="EstimatedPrice">The price the figures assume.</param>
public sealed record OrderPreviewOutcome(OrderPreviewResult? Preview, ApiError? Refusal, Price? EstimatedPrice);

/// <summary>What-if tools on the authenticated trader's book; nothing here changes state.</summary>
public sealed class RiskService(IGrainFactory grains, OperatorRules rules)
{
    /// <summary>Margin, fee, resulting position and liquidation price of an order before it is placed.</summary>
    public async Task<OrderPreviewOutcome> PreviewOrderAsync(CallerContext caller, OrderRequest order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        try
        {
            await rules.RequireModeAsync(caller.OperatorId!, order.Market, order.MarginMode);
        }
        catch (ApiException refused)
        {
            return new OrderPreviewOutcome(null, refused.Error, null);
        }

        if (order.Leverage == 0)
        {
            order = order with { Leverage = (await rules.OfferingAsync(caller.OperatorId!, order.Market)).DefaultLeverage };
        }

        var result = await grains.GetGrain<IAccountGrain>(account).PreviewOrderAsync(order);
        if (!result.IsSuccess)
        {
            return new OrderPreviewOutcome(null, ApiError.From(result.Error), null);
        }

        var preview = result.Value;
        var mark = (await grains.GetGrain<IMarketGrain>(order.Market.Symbol).GetSnapshotAsync()).Mark;
        var refusal = preview.Decision.Refusal is { } r ? ApiError.From(r) : null;
        return new OrderPreviewOutcome(preview, refusal, order.LimitPrice ?? mark);
    }

    /// <summary>What adding (positive) or removing (negative) isolated margin would do.</summary>
    public async Task<IsolatedMarginPreview> PreviewIsolatedMarginAsync(CallerContext caller, MarketId market, Money delta)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        return TradingService.Unwrap(await grains.GetGrain<IAccountGrain>(account).PreviewIsolatedMarginChangeAsync(market, delta));
    }

    /// <summary>Price and funding shocks applied to the trader's book.</summary>
    public async Task<StressResult> StressTestAsync(CallerContext caller, StressScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        return TradingService.Unwrap(await grains.GetGrain<IAccountGrain>(account).StressTestAsync(scenario));
    }

    /// <summary>The markets of the trader's open positions (to expand a default shock over).</summary>
    public async Task<IReadOnlyList<MarketId>> PositionMarketsAsync(CallerContext caller)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        var view = await grains.GetGrain<IAccountGrain>(account).GetRiskViewAsync();
        return [.. view.Positions.Where(p => !p.Size.IsZero).Select(p => p.Market).Distinct()];
    }

    /// <summary>The largest size that keeps the loss at the stop within the budget; refused when it needs more leverage than <paramref name="maxLeverage"/>.</summary>
    public async Task<SizingResult> SizeByRiskAsync(CallerContext caller, TradeSizingRequest request, int maxLeverage)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        var sizing = TradingService.Unwrap(await grains.GetGrain<IAccountGrain>(account).SizeTradeAsync(request));
        if (maxLeverage > 0 && sizing.Leverage > maxLeverage)
        {
            throw new ApiException(ApiError.Precondition("max_leverage", "leverage_above_max",
                $"the size that fits needs leverage {sizing.Leverage}, above the max_leverage {maxLeverage} asked for"));
        }

        return sizing;
    }
}
