using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Events;

/// <summary>Something the trader should see, numbered per account (1, 2, ... without gaps, across restarts).</summary>
/// <param name="AccountKey">operatorId/traderId.</param>
/// <param name="Sequence">The account's event number.</param>
/// <param name="Time">When it happened.</param>
public abstract record AccountEvent(string AccountKey, long Sequence, DateTimeOffset Time);

/// <summary>An order was placed or changed state.</summary>
/// <param name="AccountKey">The account.</param>
/// <param name="Sequence">The event number.</param>
/// <param name="Time">When.</param>
/// <param name="Order">The order now.</param>
public sealed record OrderChanged(string AccountKey, long Sequence, DateTimeOffset Time, OrderView Order) : AccountEvent(AccountKey, Sequence, Time);

/// <summary>A fill was applied.</summary>
/// <param name="AccountKey">The account.</param>
/// <param name="Sequence">The event number.</param>
/// <param name="Time">When.</param>
/// <param name="Fill">The fill.</param>
public sealed record FillApplied(string AccountKey, long Sequence, DateTimeOffset Time, FillView Fill) : AccountEvent(AccountKey, Sequence, Time);

/// <summary>A position changed (size zero: closed).</summary>
/// <param name="AccountKey">The account.</param>
/// <param name="Sequence">The event number.</param>
/// <param name="Time">When.</param>
/// <param name="Position">The position now.</param>
public sealed record PositionChanged(string AccountKey, long Sequence, DateTimeOffset Time, PositionView Position) : AccountEvent(AccountKey, Sequence, Time);

/// <summary>Collateral or margin changed.</summary>
/// <param name="AccountKey">The account.</param>
/// <param name="Sequence">The event number.</param>
/// <param name="Time">When.</param>
/// <param name="Entry">The ledger entry that changed collateral, or null for a margin-only change (reservation, isolated margin).</param>
/// <param name="Collateral">Collateral now.</param>
/// <param name="Reserved">Reserved now.</param>
/// <param name="IsolatedMargin">Margin in isolated positions as the account last knew it.</param>
public sealed record MarginChanged(
    string AccountKey,
    long Sequence,
    DateTimeOffset Time,
    LedgerEntry? Entry,
    Domain.Primitives.Money Collateral,
    Domain.Primitives.Money Reserved,
    Domain.Primitives.Money IsolatedMargin) : AccountEvent(AccountKey, Sequence, Time);
