using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Abstractions;

/// <summary>
/// One isolated position and its margin (key: operatorId/traderId/market). Its account moves margin in and asks for
/// it back; every operation carries an id and is applied once (a retry returns the first receipt flagged duplicate).
/// It never calls its account: money going back is the result of the account's call, or, on liquidation, is returned
/// to the liquidation engine, which credits the account with <see cref="IAccountGrain.CreditTransferAsync"/>.
/// </summary>
public interface IIsolatedPositionGrain : IGrainWithStringKey
{
    /// <summary>The position, its margin and its health at the market's mark.</summary>
    Task<IsolatedPositionView> GetAsync();

    /// <summary>Takes margin in from the account.</summary>
    Task<Result<IsolatedTransferReceipt>> ReceiveMarginAsync(IsolatedTransfer transfer);

    /// <summary>Gives margin back to the account, leaving at least the Domain's floor (<c>transfer_exceeds_floor</c>).</summary>
    Task<Result<IsolatedTransferReceipt>> ReleaseMarginAsync(IsolatedTransfer transfer);

    /// <summary>Applies a fill of the account's order: margin moved in with it, realized PnL and fee booked to the margin; returns what is released.</summary>
    Task<Result<IsolatedFillReceipt>> ApplyFillAsync(IsolatedFillRequest fill);

    /// <summary>Sets the leverage (no position: any allowed value; open position: its equity must cover the new initial margin).</summary>
    Task<Result<IsolatedPositionView>> SetLeverageAsync(IsolatedLeverage leverage);

    /// <summary>Books one funding interval into the margin, once per funding id.</summary>
    Task<Result<FundingReceipt>> ApplyFundingAsync(FundingCharge charge);

    /// <summary>Closes (part of) the position at the engine's price; returns the margin freed for the account and any bad debt.</summary>
    Task<Result<IsolatedLiquidationReceipt>> LiquidateAsync(IsolatedLiquidation liquidation);

    /// <summary>What adding (positive) or removing (negative) margin would do.</summary>
    Task<Result<IsolatedMarginPreview>> PreviewMarginChangeAsync(Money delta);
}

/// <summary>A transfer of margin between the account and the isolated position.</summary>
/// <param name="TransferId">The idempotency key.</param>
/// <param name="Amount">Positive.</param>
/// <param name="Leverage">The leverage for a position opened from flat (ignored otherwise; 0 keeps the current).</param>
public sealed record IsolatedTransfer(string TransferId, Money Amount, int Leverage = 0);

/// <summary>A completed transfer.</summary>
/// <param name="TransferId">The transfer.</param>
/// <param name="Amount">What moved.</param>
/// <param name="MarginAfter">Margin now.</param>
/// <param name="Duplicate">True when already applied.</param>
public sealed record IsolatedTransferReceipt(string TransferId, Money Amount, Money MarginAfter, bool Duplicate);

/// <summary>A fill for the isolated position.</summary>
/// <param name="FillId">The venue fill id.</param>
/// <param name="Side">The side.</param>
/// <param name="Size">Executed size.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Fee">The trader's fee, booked against the margin.</param>
/// <param name="MarginIn">Margin moved in from the account with this fill (its share of the order's reservation).</param>
/// <param name="Leverage">The order's leverage (a position opened from flat takes it).</param>
public sealed record IsolatedFillRequest(string FillId, Side Side, Quantity Size, Price Price, Money Fee, Money MarginIn, int Leverage);

/// <summary>What a fill did.</summary>
/// <param name="FillId">The fill.</param>
/// <param name="RealizedPnl">PnL realized.</param>
/// <param name="Fee">Fee booked.</param>
/// <param name="MarginReleased">Margin returned to the account.</param>
/// <param name="BadDebt">Loss beyond the margin at close (for insurance; never the account).</param>
/// <param name="SizeAfter">Signed size after.</param>
/// <param name="MarginAfter">Margin after.</param>
/// <param name="Duplicate">True when already applied.</param>
public sealed record IsolatedFillReceipt(string FillId, Money RealizedPnl, Money Fee, Money MarginReleased, Money BadDebt, Quantity SizeAfter, Money MarginAfter, bool Duplicate);

/// <summary>A leverage change for the isolated position.</summary>
/// <param name="Leverage">1 to the tier's max and the operator's cap (checked by the account).</param>
public sealed record IsolatedLeverage(int Leverage);

/// <summary>A liquidation step on an isolated position, decided by the liquidation engine.</summary>
/// <param name="LiquidationId">The idempotency key; also the transfer id the engine credits the account with.</param>
/// <param name="Price">The price it closes at.</param>
/// <param name="Size">How much to close; zero or at least the size closes all.</param>
/// <param name="Penalty">A liquidation fee booked against the margin (the engine credits it to the insurance fund).</param>
public sealed record IsolatedLiquidation(string LiquidationId, Price Price, Quantity Size, Money Penalty);

/// <summary>What a liquidation step did.</summary>
/// <param name="LiquidationId">The step.</param>
/// <param name="Closed">Size closed.</param>
/// <param name="Remaining">Signed size left.</param>
/// <param name="RealizedPnl">PnL realized.</param>
/// <param name="Penalty">Fee booked.</param>
/// <param name="MarginReturned">Margin freed for the account: credit it with <see cref="IAccountGrain.CreditTransferAsync"/> under the liquidation id.</param>
/// <param name="BadDebt">Loss beyond the margin (insurance pays it; never the account).</param>
/// <param name="Duplicate">True when already applied.</param>
public sealed record IsolatedLiquidationReceipt(string LiquidationId, Quantity Closed, Quantity Remaining, Money RealizedPnl, Money Penalty, Money MarginReturned, Money BadDebt, bool Duplicate);

/// <summary>An isolated position now.</summary>
/// <param name="Key">operatorId/traderId/market.</param>
/// <param name="Position">The Domain position (size, cost, margin, leverage).</param>
/// <param name="View">Its figures at the mark, with the liquidation price.</param>
/// <param name="IsOpen">True when it has a size or margin.</param>
public sealed record IsolatedPositionView(string Key, Domain.Margin.IsolatedPosition Position, PositionView View, bool IsOpen);
