using System.Collections.Immutable;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Ledger;

namespace PerpStudio.Grains.Accounts;

/// <summary>The account grain's stored state. Collateral is the ledger's balance, so the statement explains it by construction.</summary>
public sealed partial record AccountState
{
    /// <summary>The collateral ledger.</summary>
    public LedgerBook Ledger { get; init; } = new();

    /// <summary>Margin held for open orders (the sum of their reservations).</summary>
    public Money Reserved { get; init; }

    /// <summary>Cross positions by market symbol.</summary>
    public ImmutableDictionary<string, CrossPositionState> Cross { get; init; } = ImmutableDictionary<string, CrossPositionState>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Cross leverage settings by market symbol.</summary>
    public ImmutableDictionary<string, int> CrossLeverage { get; init; } = ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Isolated positions by market symbol, as last reported by their grains.</summary>
    public ImmutableDictionary<string, IsolatedLink> Isolated { get; init; } = ImmutableDictionary<string, IsolatedLink>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Orders by platform order id.</summary>
    public ImmutableDictionary<string, OrderRecord> Orders { get; init; } = ImmutableDictionary<string, OrderRecord>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Platform order id by the trader's client order id (kept for good: a client order id is spent once).</summary>
    public ImmutableDictionary<string, string> OrderIds { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Fill ids applied (kept for good: the exactly-once key).</summary>
    public ImmutableHashSet<string> AppliedFills { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    /// <summary>Fills as applied, oldest first (fill n has sequence n).</summary>
    public ImmutableList<FillView> Fills { get; init; } = [];

    /// <summary>Operations with an isolated position recorded but not yet acknowledged by it: retried until they are.</summary>
    public ImmutableList<PendingTransfer> Pending { get; init; } = [];

    /// <summary>Fee credits and bad-debt claims not yet acknowledged by their grains.</summary>
    public ImmutableList<OutboxItem> Outbox { get; init; } = [];

    /// <summary>The last outbox number used.</summary>
    public long OutboxSequence { get; init; }

    /// <summary>The last event number published.</summary>
    public long EventSequence { get; init; }

    /// <summary>Isolated margin transfers done, by transfer id.</summary>
    public RecentReceipts<IsolatedMarginReceipt> Transfers { get; init; } = new();

    /// <summary>Cross funding applied, by funding id.</summary>
    public RecentReceipts<FundingReceipt> Funding { get; init; } = new();

    /// <summary>Cross liquidation steps applied, by liquidation id.</summary>
    public RecentReceipts<CrossLiquidationReceipt> Liquidations { get; init; } = new();

    /// <summary>Traded notional in daily buckets over the fee-tier window.</summary>
    public TradingVolume Volume { get; init; } = new();

    /// <summary>Who referred the trader (set once), or null.</summary>
    public ReferrerInfo? Referrer { get; init; }
}

/// <summary>A cross position as stored.</summary>
/// <param name="Market">The market.</param>
/// <param name="Position">Size, exact cost, realized carry.</param>
/// <param name="Leverage">Its leverage.</param>
/// <param name="Mark">The last mark seen (used when the market has none).</param>
public sealed record CrossPositionState(MarketId Market, Position Position, int Leverage, Price Mark);

/// <summary>An order and what the venue last said had filled.</summary>
/// <param name="View">The order.</param>
/// <param name="VenueFilledSize">Filled according to the venue (fills may still be on their way).</param>
public sealed record OrderRecord(OrderView View, Quantity VenueFilledSize);

/// <summary>The account's knowledge of one isolated position.</summary>
/// <param name="Market">The market.</param>
/// <param name="Size">Signed size last reported.</param>
/// <param name="Margin">Margin last reported.</param>
public sealed record IsolatedLink(MarketId Market, Quantity Size, Money Margin);

/// <summary>What a pending isolated operation is.</summary>
public enum PendingKind
{
    /// <summary>Collateral already debited; the isolated position must receive it.</summary>
    MarginOut,

    /// <summary>The isolated position is asked to release margin; collateral is credited on its answer.</summary>
    MarginIn,

    /// <summary>A fill for the isolated position: its margin share already debited; released margin credited on its answer.</summary>
    Fill,
}

/// <summary>An isolated operation recorded before the isolated grain is called.</summary>
/// <param name="Id">The transfer or fill id (the isolated grain's idempotency key).</param>
/// <param name="Kind">What it is.</param>
/// <param name="Market">The market.</param>
/// <param name="Amount">The margin moved (out or asked back).</param>
/// <param name="Leverage">The leverage for a position opened from flat.</param>
/// <param name="Fill">For a fill: what was received, the order and the fee.</param>
public sealed record PendingTransfer(string Id, PendingKind Kind, MarketId Market, Money Amount, int Leverage, PendingFill? Fill);

/// <summary>A fill waiting for its isolated position.</summary>
/// <param name="Source">The fill.</param>
/// <param name="OrderId">The order.</param>
/// <param name="Fee">The fee and its split.</param>
public sealed record PendingFill(AccountFill Source, string OrderId, FeeCharge Fee);

/// <summary>A message to another grain that must be delivered once.</summary>
/// <param name="Sequence">The account's outbox number.</param>
/// <param name="Fee">A fee credit for the operator's collector.</param>
/// <param name="BadDebt">A claim on the operator's insurance fund.</param>
public sealed record OutboxItem(long Sequence, FeeCredit? Fee, BadDebtClaim? BadDebt)
{
    /// <summary>A referral rebate for the referrer's ledger.</summary>
    public ReferralRebate? Rebate { get; init; }
}
