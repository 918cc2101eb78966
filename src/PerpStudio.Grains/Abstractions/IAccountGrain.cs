using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Risk;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// A trader's account (key: operatorId/traderId): the collateral ledger, cross positions, open orders and their margin
/// reservations, and the list of its isolated positions. Every balance change is a ledger entry with an idempotency
/// key; every message that changes money carries an id and takes effect at most once.
/// <para>Call direction: the account calls the operator, market, fee-collector and insurance grains and its own isolated
/// positions; none of those calls an account, so no call cycle can form. The liquidation engine and funding call the account.</para>
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    // ---- collateral ----

    /// <summary>Credits collateral under <see cref="Deposit.DepositId"/> (a retry returns the first receipt, flagged duplicate).</summary>
    Task<Result<LedgerReceipt>> DepositAsync(Deposit deposit);

    /// <summary>Debits collateral, bounded by the Domain's withdrawable amount (<c>transfer_exceeds_floor</c> beyond it).</summary>
    Task<Result<LedgerReceipt>> WithdrawAsync(Withdrawal withdrawal);

    /// <summary>Credits money moved to the account from elsewhere (an isolated position's remainder after liquidation, insurance cover), once per transfer id.</summary>
    Task<Result<LedgerReceipt>> CreditTransferAsync(TransferCredit transfer);

    // ---- orders ----

    /// <summary>
    /// Validates and pre-trade checks the order, reserves its margin, records it as pending, sends it through the
    /// <see cref="IOrderGateway"/> and records the outcome. Idempotent by client order id: a retry returns the first
    /// order's state flagged duplicate (and re-sends it if its outcome is still unknown).
    /// </summary>
    Task<OrderResult> PlaceOrderAsync(OrderRequest order);

    /// <summary>Cancels an open order by the platform's order id.</summary>
    Task<OrderResult> CancelOrderAsync(string orderId);

    /// <summary>Cancels an open order by the trader's client order id.</summary>
    Task<OrderResult> CancelOrderByClientIdAsync(ClientOrderId clientOrderId);

    /// <summary>Changes a resting limit order's price or size, re-checking and re-reserving its margin.</summary>
    Task<OrderResult> ModifyOrderAsync(OrderModification modification);

    /// <summary>Closes (part of) a position with a reduce-only market order.</summary>
    Task<OrderResult> ClosePositionAsync(ClosePosition close);

    /// <summary>Applies a venue fill exactly once (deduplicated by fill id) to the cross position or the isolated position of its order.</summary>
    Task<FillOutcome> ApplyFillAsync(AccountFill fill);

    /// <summary>Applies a venue's report of an order's state (venue-side cancel, trigger, reject); releases what a terminal order no longer needs.</summary>
    Task<OrderResult> ApplyOrderUpdateAsync(AccountOrderUpdate update);

    // ---- positions and margin ----

    /// <summary>Sets the leverage for a market in a mode (bounded by the market's tiers and the operator's cap; an open position must stay funded).</summary>
    Task<Result<LeverageSetting>> UpdateLeverageAsync(LeverageChange change);

    /// <summary>Moves collateral into the isolated position of a market (a transfer with an id, exactly once on each side).</summary>
    Task<Result<IsolatedMarginReceipt>> AddIsolatedMarginAsync(IsolatedMarginChange change);

    /// <summary>Moves margin from an isolated position back to collateral, bounded by the Domain's floor.</summary>
    Task<Result<IsolatedMarginReceipt>> RemoveIsolatedMarginAsync(IsolatedMarginChange change);

    /// <summary>Books one funding interval on the cross position of a market, once per funding id.</summary>
    Task<Result<FundingReceipt>> ApplyFundingAsync(FundingCharge charge);

    /// <summary>Closes (part of) a cross position at the liquidation engine's price, once per liquidation id.</summary>
    Task<Result<CrossLiquidationReceipt>> LiquidateCrossAsync(CrossLiquidation liquidation);

    // ---- reads ----

    /// <summary>Equity, collateral, margins, free collateral, withdrawable...</summary>
    Task<AccountSummary> GetSummaryAsync();

    /// <summary>Every position (cross and isolated) with its liquidation price.</summary>
    Task<AccountRiskView> GetRiskViewAsync();

    /// <summary>Orders still open (pending, resting, pending trigger).</summary>
    Task<IReadOnlyList<OrderView>> GetOpenOrdersAsync();

    /// <summary>An order by client order id, or null.</summary>
    Task<OrderView?> GetOrderAsync(ClientOrderId clientOrderId);

    /// <summary>Fills, newest first.</summary>
    Task<Page<FillView>> GetFillsAsync(PageRequest page);

    /// <summary>The statement: ledger entries newest first; their amounts sum to the collateral.</summary>
    Task<Page<LedgerEntry>> GetLedgerAsync(PageRequest page);

    /// <summary>The Domain's order preview with the account's current book.</summary>
    Task<Result<OrderPreviewResult>> PreviewOrderAsync(OrderRequest order);

    /// <summary>What adding (positive) or removing (negative) isolated margin would do.</summary>
    Task<Result<IsolatedMarginPreview>> PreviewIsolatedMarginChangeAsync(MarketId market, Domain.Primitives.Money delta);

    /// <summary>The Domain's stress test on the account's book.</summary>
    Task<Result<StressResult>> StressTestAsync(StressScenario scenario);

    /// <summary>The Domain's risk sizing for a trade in a market, with the operator's caps and fees.</summary>
    Task<Result<SizingResult>> SizeTradeAsync(TradeSizingRequest request);
}
