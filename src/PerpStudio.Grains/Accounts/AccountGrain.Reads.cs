using System.Collections.Immutable;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Ledger;
using PerpStudio.Grains.Operators;

namespace PerpStudio.Grains.Accounts;

/// <summary>Read models: summary, positions, orders, fills, ledger, previews, stress and sizing.</summary>
public sealed partial class AccountGrain
{
    /// <inheritdoc />
    public async Task<AccountSummary> GetSummaryAsync() => (await GetRiskViewAsync()).Summary;

    /// <inheritdoc />
    public async Task<AccountRiskView> GetRiskViewAsync()
    {
        var (cross, markets) = await CrossAsync();
        var positions = ImmutableArray.CreateBuilder<PositionView>();
        foreach (var p in cross.Positions)
        {
            positions.Add(CrossViewOf(cross, p.Market, markets)!);
        }

        var isolatedMargin = Money.Zero;
        var isolatedEquity = Money.Zero;
        var isolatedPnl = Money.Zero;
        foreach (var link in S.Isolated.Values.OrderBy(l => l.Market.Symbol, StringComparer.Ordinal))
        {
            var view = await IsolatedGrain(link.Market).GetAsync();
            isolatedMargin += view.Position.Margin;
            isolatedEquity += view.Position.Margin + view.View.UnrealizedPnl;
            isolatedPnl += view.View.UnrealizedPnl;
            if (!view.Position.Position.IsFlat)
            {
                positions.Add(view.View);
            }
        }

        var summary = new AccountSummary(Key, cross.Collateral, cross.AccountValue, cross.UnrealizedPnl + isolatedPnl, cross.InitialMarginUsed,
            cross.MaintenanceMarginUsed, cross.MarginRatio, cross.FreeCollateral, isolatedMargin, isolatedEquity, cross.Reserved, cross.Withdrawable,
            cross.AccountValue + isolatedEquity, cross.IsLiquidatable, S.EventSequence);
        return new AccountRiskView(summary, positions.ToImmutable());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrderView>> GetOpenOrdersAsync() =>
        Task.FromResult<IReadOnlyList<OrderView>>([.. S.Orders.Values.Select(o => o.View).Where(v => !v.IsTerminal).OrderBy(v => v.CreatedAt)]);

    /// <inheritdoc />
    public async Task<OrderView?> GetOrderAsync(ClientOrderId clientOrderId) =>
        TryGetOrderId(clientOrderId.Value, out var orderId) ? (await FindOrderAsync(orderId))?.View : null;

    /// <inheritdoc />
    public Task<Page<FillView>> GetFillsAsync(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return FillPageAsync(page);
    }

    /// <inheritdoc />
    public Task<Page<LedgerEntry>> GetLedgerAsync(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return LedgerPageAsync(page);
    }

    /// <inheritdoc />
    public async Task<Result<OrderPreviewResult>> PreviewOrderAsync(OrderRequest order)
    {
        if (order is null)
        {
            return Refusals.Required("order");
        }

        var config = await OperatorAsync().GetConfigAsync();
        if (config.Offering(order.Market) is null)
        {
            return Refusals.UnknownMarket(order.Market.Symbol ?? string.Empty);
        }

        var market = await MarketAsync(order.Market);
        if (!market.IsSuccess)
        {
            return market.Error;
        }

        var (cross, _) = await CrossAsync();
        IsolatedPosition? isolated = null;
        if (order.MarginMode == MarginMode.Isolated && S.Isolated.ContainsKey(order.Market.Symbol))
        {
            isolated = (await IsolatedGrain(order.Market).GetAsync()).Position;
        }

        return OrderPreview.Preview(new PreTradeCheckParameters(order, MarketRulesCache.CatalogOf(market.Value.Rules), OperatorConfigRules.PolicyOf(config),
            gateway.FeeScheduleFor(order.Market), market.Value.Snapshot.Mark, cross, isolated));
    }

    /// <inheritdoc />
    public async Task<Result<IsolatedMarginPreview>> PreviewIsolatedMarginChangeAsync(MarketId market, Money delta)
    {
        if (!S.Isolated.ContainsKey(market.Symbol ?? string.Empty))
        {
            return NoPosition(market);
        }

        var preview = await IsolatedGrain(market).PreviewMarginChangeAsync(delta);
        if (!preview.IsSuccess || !delta.IsPositive)
        {
            return preview;
        }

        // adding margin is bounded on the account's side, by what may leave cross collateral
        var (cross, _) = await CrossAsync();
        var allowed = cross.Withdraw(delta);
        return allowed.IsSuccess ? preview : preview.Value with { Refusal = allowed.Error, MarginAfter = preview.Value.MarginBefore, LiquidationAfter = preview.Value.LiquidationBefore };
    }

    /// <inheritdoc />
    public async Task<Result<StressResult>> StressTestAsync(StressScenario scenario)
    {
        var (cross, markets) = await CrossAsync();
        var isolated = new List<IsolatedPosition>();
        var marks = new Dictionary<MarketId, Price>();
        var rules = markets.Values.Select(m => m.Rules).ToList();
        foreach (var link in S.Isolated.Values)
        {
            var view = await IsolatedGrain(link.Market).GetAsync();
            if (view.Position.Position.IsFlat)
            {
                continue;
            }

            isolated.Add(view.Position);
            marks[link.Market] = view.View.Mark;
            var context = await MarketAsync(link.Market);
            if (context.IsSuccess)
            {
                rules.Add(context.Value.Rules);
            }
        }

        return StressTest.Run(new StressBook(cross, isolated, marks, new MarketCatalog(rules)), scenario);
    }

    /// <inheritdoc />
    public async Task<Result<SizingResult>> SizeTradeAsync(TradeSizingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = await OperatorAsync().GetConfigAsync();
        if (config.Offering(request.Market) is not { } offering)
        {
            return Refusals.UnknownMarket(request.Market.Symbol ?? string.Empty);
        }

        var market = await MarketAsync(request.Market);
        if (!market.IsSuccess)
        {
            return market.Error;
        }

        var policy = OperatorConfigRules.PolicyOf(config);
        var takerRate = FeeModel.TraderRate(gateway.FeeScheduleFor(request.Market), policy, Liquidity.Taker);
        var maxLeverage = Math.Min(offering.MaxLeverage, market.Value.Rules.Spec.MaxLeverage);
        return RiskSizing.Size(new SizingParameters(market.Value.Rules, request.Side, request.Entry, request.Exit, request.Kind, request.MaxLoss, maxLeverage, takerRate));
    }

    private PositionView? CrossViewOf(CrossAccount cross, MarketId market, Dictionary<string, MarketContext> markets)
    {
        if (!cross.TryGetPosition(market, out var p))
        {
            return null;
        }

        _ = markets;
        return new PositionView(Key, market, MarginMode.Cross, p.Position.Size, p.Position.EntryPrice, p.Mark, p.Leverage, p.UnrealizedPnl, p.PositionValue,
            p.InitialMargin, p.MaintenanceMargin, Money.Zero, cross.LiquidationPrice(market), cross.IsLiquidatable);
    }
}
