using System.Collections.Immutable;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Abstractions;

/// <summary>The account's balances and margins now.</summary>
/// <param name="AccountKey">operatorId/traderId.</param>
/// <param name="Collateral">Deposits - withdrawals + realized PnL + funding - fees - transfers to isolated + transfers back.</param>
/// <param name="CrossAccountValue">Collateral + unrealized PnL of cross positions.</param>
/// <param name="UnrealizedPnl">Unrealized PnL of all positions.</param>
/// <param name="InitialMargin">Cross initial margin used.</param>
/// <param name="MaintenanceMargin">Cross maintenance margin.</param>
/// <param name="MarginRatio">Cross maintenance / account value, or null when account value is not positive.</param>
/// <param name="FreeCollateral">What new cross orders may use.</param>
/// <param name="IsolatedMargin">Margin allocated to isolated positions.</param>
/// <param name="IsolatedEquity">Isolated margin + their unrealized PnL.</param>
/// <param name="Reserved">Margin held for open orders.</param>
/// <param name="Withdrawable">The most that can be withdrawn now.</param>
/// <param name="Equity">Cross account value + isolated equity.</param>
/// <param name="CrossLiquidatable">True when cross account value is below cross maintenance.</param>
/// <param name="EventSequence">The last event sequence published for the account.</param>
public sealed record AccountSummary(
    string AccountKey,
    Money Collateral,
    Money CrossAccountValue,
    Money UnrealizedPnl,
    Money InitialMargin,
    Money MaintenanceMargin,
    Rate? MarginRatio,
    Money FreeCollateral,
    Money IsolatedMargin,
    Money IsolatedEquity,
    Money Reserved,
    Money Withdrawable,
    Money Equity,
    bool CrossLiquidatable,
    long EventSequence);

/// <summary>One position with its margin figures and liquidation price.</summary>
/// <param name="Key">The key the liquidation index knows it by: the account key (cross) or the isolated position key.</param>
/// <param name="Market">The market.</param>
/// <param name="Mode">Cross or isolated.</param>
/// <param name="Size">Signed size.</param>
/// <param name="EntryPrice">Average entry (informational).</param>
/// <param name="Mark">The mark the figures are at.</param>
/// <param name="Leverage">Leverage.</param>
/// <param name="UnrealizedPnl">At the mark.</param>
/// <param name="PositionValue">|size| x mark.</param>
/// <param name="InitialMargin">Initial margin.</param>
/// <param name="MaintenanceMargin">Maintenance margin.</param>
/// <param name="Margin">Isolated: the margin allocated; cross: zero (it shares the account's collateral).</param>
/// <param name="LiquidationPrice">From the Domain (cross: other positions held at their marks).</param>
/// <param name="Liquidatable">Isolated: equity below maintenance; cross: the account is.</param>
public sealed record PositionView(
    string Key,
    MarketId Market,
    MarginMode Mode,
    Quantity Size,
    Price EntryPrice,
    Price Mark,
    int Leverage,
    Money UnrealizedPnl,
    Money PositionValue,
    Money InitialMargin,
    Money MaintenanceMargin,
    Money Margin,
    LiquidationPrice LiquidationPrice,
    bool Liquidatable);

/// <summary>The account's positions for the liquidation engine and the API.</summary>
/// <param name="Summary">Balances and margins.</param>
/// <param name="Positions">Cross then isolated positions.</param>
public sealed record AccountRiskView(AccountSummary Summary, ImmutableArray<PositionView> Positions);

/// <summary>What a ledger entry records.</summary>
public enum LedgerEntryKind
{
    /// <summary>Collateral deposited.</summary>
    Deposit,

    /// <summary>Collateral withdrawn.</summary>
    Withdrawal,

    /// <summary>PnL realized by a cross fill.</summary>
    RealizedPnl,

    /// <summary>A trading fee on a cross fill.</summary>
    TradingFee,

    /// <summary>Funding on a cross position.</summary>
    Funding,

    /// <summary>Collateral moved to an isolated position (margin for an order's fill or added by the trader).</summary>
    TransferToIsolated,

    /// <summary>Margin returned from an isolated position (removed, released by a close).</summary>
    TransferFromIsolated,

    /// <summary>PnL realized by a cross liquidation step.</summary>
    LiquidationPnl,

    /// <summary>A liquidation fee.</summary>
    LiquidationPenalty,

    /// <summary>Money credited from elsewhere (isolated liquidation remainder, insurance).</summary>
    TransferIn,

    /// <summary>A rebate for a referred trader's fill, out of the operator's part of the fee.</summary>
    ReferralRebate,
}

/// <summary>One change of collateral. The amounts of all entries sum to the collateral.</summary>
/// <param name="Sequence">1, 2, ... per account.</param>
/// <param name="Key">The idempotency key (e.g. "deposit:abc", "fill:F1:fee").</param>
/// <param name="Kind">What it records.</param>
/// <param name="Amount">Signed change of collateral.</param>
/// <param name="BalanceAfter">Collateral after it.</param>
/// <param name="Market">The market it relates to, if any.</param>
/// <param name="Reference">The originating id (deposit id, fill id, transfer id...).</param>
/// <param name="Time">When it was booked.</param>
public sealed record LedgerEntry(long Sequence, string Key, LedgerEntryKind Kind, Money Amount, Money BalanceAfter, MarketId? Market, string Reference, DateTimeOffset Time);
