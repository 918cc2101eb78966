using PerpStudio.Api.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Application;

/// <summary>A position with the TP/SL prices of its open trigger orders.</summary>
/// <param name="View">The position.</param>
/// <param name="TakeProfit">The take-profit trigger, or null.</param>
/// <param name="StopLoss">The stop-loss trigger, or null.</param>
public sealed record PositionDetail(PositionView View, Price? TakeProfit, Price? StopLoss);

/// <summary>The authenticated trader's balances, positions, orders, fills and ledger; deposits and withdrawals.</summary>
public sealed class AccountService(IGrainFactory grains)
{
    /// <summary>Balances and margins.</summary>
    public async Task<AccountSummary> GetSummaryAsync(CallerContext caller)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        return await grains.GetGrain<IAccountGrain>(account).GetSummaryAsync();
    }

    /// <summary>Open positions (cross and isolated) with their TP/SL.</summary>
    public async Task<IReadOnlyList<PositionDetail>> ListPositionsAsync(CallerContext caller)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        var grain = grains.GetGrain<IAccountGrain>(account);
        var view = await grain.GetRiskViewAsync();
        var orders = await grain.GetOpenOrdersAsync();
        return [.. view.Positions.Where(p => !p.Size.IsZero).Select(p => Detail(p, orders))];
    }

    /// <summary>Orders still open, of one market or all.</summary>
    public async Task<IReadOnlyList<OrderView>> ListOpenOrdersAsync(CallerContext caller, MarketId? market)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        var orders = await grains.GetGrain<IAccountGrain>(account).GetOpenOrdersAsync();
        return market is { } m ? [.. orders.Where(o => o.Request.Market == m)] : orders;
    }

    /// <summary>Fills, newest first (filtered by market within the page).</summary>
    public async Task<Page<FillView>> ListFillsAsync(CallerContext caller, MarketId? market, PageRequest page)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        var fills = await grains.GetGrain<IAccountGrain>(account).GetFillsAsync(page);
        return market is { } m ? fills with { Items = [.. fills.Items.Where(f => f.Market == m)] } : fills;
    }

    /// <summary>The statement, newest first.</summary>
    public async Task<Page<LedgerEntry>> GetLedgerAsync(CallerContext caller, PageRequest page)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Read);
        return await grains.GetGrain<IAccountGrain>(account).GetLedgerAsync(page);
    }

    /// <summary>
    /// Credits collateral once per deposit id. A trader's own credential may deposit only demo collateral, where the
    /// operator enables demo deposits; an admin key credits a trader of its operator (<paramref name="trader"/>).
    /// </summary>
    public async Task<LedgerReceipt> DepositAsync(CallerContext caller, Money amount, string depositId, EthereumAddress? trader = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        string account;
        bool demo;
        if (caller.Has(ApiScopes.Admin) && caller.Trader is null)
        {
            var operatorId = Access.RequireAdmin(caller);
            if (trader is not { } t)
            {
                throw new ApiException(ApiError.Required("trader_address"));
            }

            account = GrainKeys.Account(operatorId, t.ToLowerHex());
            demo = false;
        }
        else
        {
            account = Access.RequireTrader(caller, ApiScopes.Trade);
            if (trader is { } named && named != caller.Trader)
            {
                throw new ApiException(ApiError.Denied("trader_mismatch", "a trader credential deposits only to its own account"));
            }

            var config = await grains.GetGrain<IOperatorGrain>(caller.OperatorId!).GetConfigAsync();
            if (!config.DemoDeposits)
            {
                throw new ApiException(ApiError.Denied("deposit_not_allowed", "this operator credits deposits itself; self-service deposits exist only in demo mode"));
            }

            demo = true;
        }

        return TradingService.Unwrap(await grains.GetGrain<IAccountGrain>(account).DepositAsync(new Deposit(depositId, amount, demo)));
    }

    /// <summary>Debits collateral once per withdrawal id, within the withdrawable amount.</summary>
    public async Task<LedgerReceipt> WithdrawAsync(CallerContext caller, Money amount, string withdrawalId)
    {
        var account = Access.RequireTrader(caller, ApiScopes.Trade);
        return TradingService.Unwrap(await grains.GetGrain<IAccountGrain>(account).WithdrawAsync(new Withdrawal(withdrawalId, amount)));
    }

    internal static PositionDetail Detail(PositionView position, IReadOnlyList<OrderView> openOrders)
    {
        Price? Trigger(TriggerKind kind) => openOrders
            .Where(o => o.Request.Market == position.Market && o.Request.ReduceOnly && o.Request.Trigger == kind)
            .Select(o => o.Request.TriggerPrice)
            .FirstOrDefault(p => p is not null);
        return new PositionDetail(position, Trigger(TriggerKind.TakeProfit), Trigger(TriggerKind.StopLoss));
    }
}
