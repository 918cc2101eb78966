using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;

namespace PerpStudio.Grains.Abstractions;

/// <summary>A deposit credited by the operator side.</summary>
/// <param name="DepositId">The idempotency key (the chain transaction, the payment id...).</param>
/// <param name="Amount">Positive.</param>
/// <param name="Demo">True for demo collateral (allowed only when the operator enables demo deposits).</param>
public sealed record Deposit(string DepositId, Money Amount, bool Demo = false);

/// <summary>A withdrawal.</summary>
/// <param name="WithdrawalId">The idempotency key.</param>
/// <param name="Amount">Positive, at most the withdrawable amount.</param>
public sealed record Withdrawal(string WithdrawalId, Money Amount);

/// <summary>Money moved into the account from elsewhere.</summary>
/// <param name="TransferId">The idempotency key (e.g. the liquidation id that freed an isolated remainder).</param>
/// <param name="Amount">Positive.</param>
/// <param name="Source">Where it came from ("isolated-liquidation", "insurance"...), recorded on the ledger.</param>
/// <param name="Market">The market it relates to, if any.</param>
public sealed record TransferCredit(string TransferId, Money Amount, string Source, MarketId? Market = null);

/// <summary>A ledger change and the balances after it.</summary>
/// <param name="Entry">The entry (the first one when <paramref name="Duplicate"/>).</param>
/// <param name="Duplicate">True when the idempotency key was already applied.</param>
/// <param name="Collateral">Collateral now.</param>
/// <param name="Withdrawable">Withdrawable now.</param>
public sealed record LedgerReceipt(LedgerEntry Entry, bool Duplicate, Money Collateral, Money Withdrawable);

/// <summary>A leverage setting for a market and mode.</summary>
/// <param name="Market">The market.</param>
/// <param name="Mode">Cross or isolated.</param>
/// <param name="Leverage">1 to the tier's max and the operator's cap.</param>
public sealed record LeverageChange(MarketId Market, MarginMode Mode, int Leverage);

/// <summary>The leverage in force for a market.</summary>
/// <param name="Market">The market.</param>
/// <param name="Mode">The mode.</param>
/// <param name="Leverage">The leverage.</param>
/// <param name="MaxLeverage">The most allowed at the position's current size.</param>
public sealed record LeverageSetting(MarketId Market, MarginMode Mode, int Leverage, int MaxLeverage);

/// <summary>A transfer between the account and its isolated position in a market.</summary>
/// <param name="TransferId">The idempotency key on both sides.</param>
/// <param name="Market">The market.</param>
/// <param name="Amount">Positive.</param>
public sealed record IsolatedMarginChange(string TransferId, MarketId Market, Money Amount);

/// <summary>A completed isolated-margin transfer.</summary>
/// <param name="TransferId">The transfer.</param>
/// <param name="Market">The market.</param>
/// <param name="Amount">What moved.</param>
/// <param name="MarginAfter">The isolated position's margin now.</param>
/// <param name="LiquidationPrice">Its liquidation price now.</param>
/// <param name="Duplicate">True when the transfer id had already been applied.</param>
public sealed record IsolatedMarginReceipt(string TransferId, MarketId Market, Money Amount, Money MarginAfter, LiquidationPrice LiquidationPrice, bool Duplicate);

/// <summary>What a change of isolated margin would do.</summary>
/// <param name="Market">The market.</param>
/// <param name="MarginBefore">Margin now.</param>
/// <param name="MarginAfter">Margin after the change.</param>
/// <param name="LiquidationBefore">Liquidation price now.</param>
/// <param name="LiquidationAfter">Liquidation price after.</param>
/// <param name="MaxRemovable">The most that may be removed now.</param>
/// <param name="Refusal">Why the change would be refused, or null.</param>
public sealed record IsolatedMarginPreview(
    MarketId Market,
    Money MarginBefore,
    Money MarginAfter,
    LiquidationPrice LiquidationBefore,
    LiquidationPrice LiquidationAfter,
    Money MaxRemovable,
    Domain.Errors.DomainError? Refusal);

/// <summary>One funding interval for a market, applied once per <paramref name="FundingId"/>.</summary>
/// <param name="FundingId">The idempotency key (market + interval).</param>
/// <param name="Market">The market.</param>
/// <param name="OraclePrice">The oracle price the payment is computed at.</param>
/// <param name="Rate">The rate for the interval (positive: longs pay).</param>
/// <param name="Time">The interval's settlement time.</param>
public sealed record FundingCharge(string FundingId, MarketId Market, Price OraclePrice, Rate Rate, DateTimeOffset Time);

/// <summary>A booked funding payment.</summary>
/// <param name="FundingId">The charge.</param>
/// <param name="Market">The market.</param>
/// <param name="PositionSize">The signed size it was computed on (zero: nothing booked).</param>
/// <param name="Amount">Received (positive) or paid (negative).</param>
/// <param name="Duplicate">True when already applied.</param>
public sealed record FundingReceipt(string FundingId, MarketId Market, Quantity PositionSize, Money Amount, bool Duplicate);

/// <summary>A liquidation step on a cross position, decided by the liquidation engine.</summary>
/// <param name="LiquidationId">The idempotency key.</param>
/// <param name="Market">The market.</param>
/// <param name="Size">How much to close (positive; capped at the position's size).</param>
/// <param name="Price">The price it closes at (executed at a venue or the backstop's price).</param>
/// <param name="Penalty">A liquidation fee debited from collateral (to the insurance fund), zero for none.</param>
public sealed record CrossLiquidation(string LiquidationId, MarketId Market, Quantity Size, Price Price, Money Penalty);

/// <summary>What a cross liquidation step did.</summary>
/// <param name="LiquidationId">The step.</param>
/// <param name="Market">The market.</param>
/// <param name="Closed">Size closed.</param>
/// <param name="Remaining">Signed size left.</param>
/// <param name="RealizedPnl">PnL realized.</param>
/// <param name="Penalty">Fee debited (the engine credits it to the insurance fund).</param>
/// <param name="CollateralAfter">Collateral after (may be negative).</param>
/// <param name="Shortfall">When no cross position is left and collateral is negative: what insurance must credit back.</param>
/// <param name="Duplicate">True when already applied.</param>
public sealed record CrossLiquidationReceipt(string LiquidationId, MarketId Market, Quantity Closed, Quantity Remaining, Money RealizedPnl, Money Penalty, Money CollateralAfter, Money Shortfall, bool Duplicate);

/// <summary>A request to size a trade by the loss the trader accepts.</summary>
/// <param name="Market">The market.</param>
/// <param name="Side">The side.</param>
/// <param name="Entry">Planned entry price.</param>
/// <param name="Exit">Planned exit (stop) price.</param>
/// <param name="Kind">How the exit is executed.</param>
/// <param name="MaxLoss">The loss accepted at the exit.</param>
public sealed record TradeSizingRequest(MarketId Market, Side Side, Price Entry, Price Exit, PlannedExit Kind, Money MaxLoss);
