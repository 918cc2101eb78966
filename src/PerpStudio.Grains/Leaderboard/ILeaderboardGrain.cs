using System.Collections.Immutable;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Leaderboard;

/// <summary>
/// An operator's leaderboard (key: operatorId): realized PnL and traded volume per trader, all time and by hour over
/// the last week, fed by the fills its accounts apply. Each account's fills are counted in their sequence order and
/// each once: a repeat is ignored, and a fill arriving after a gap is refused so the feeder can send the missing ones first.
/// </summary>
public interface ILeaderboardGrain : IGrainWithStringKey
{
    /// <summary>Counts a fill of one of the operator's accounts when it is the account's next (see <see cref="LeaderboardReceipt"/>).</summary>
    Task<LeaderboardReceipt> RecordAsync(LeaderboardFill fill);

    /// <summary>The traders ranked over a window ending at <see cref="LeaderboardQuery.Now"/>.</summary>
    Task<LeaderboardStandings> GetStandingsAsync(LeaderboardQuery query);
}

/// <summary>One applied fill as the leaderboard counts it.</summary>
/// <param name="AccountKey">operatorId/traderId of the account that applied it.</param>
/// <param name="Sequence">The account's fill number (1, 2, ... without gaps).</param>
/// <param name="FillId">The fill's id (for diagnostics).</param>
/// <param name="RealizedPnl">PnL the fill realized (before fees).</param>
/// <param name="Volume">The fill's notional.</param>
/// <param name="Time">When it was applied.</param>
public sealed record LeaderboardFill(string AccountKey, long Sequence, string FillId, Money RealizedPnl, Money Volume, DateTimeOffset Time);

/// <summary>What became of a fill sent to the leaderboard.</summary>
/// <param name="Counted">True when it was counted now; false for a repeat or after a gap.</param>
/// <param name="LastSequence">The account's last fill counted (a gap: the feeder sends from LastSequence + 1).</param>
public sealed record LeaderboardReceipt(bool Counted, long LastSequence)
{
    /// <summary>True when fills before this one are missing: send them first.</summary>
    public bool Gap(long sequence) => !Counted && sequence > LastSequence + 1;
}

/// <summary>The period a leaderboard ranks over.</summary>
public enum LeaderboardWindow
{
    /// <summary>The last 24 hours.</summary>
    Day,

    /// <summary>The last 7 days.</summary>
    Week,

    /// <summary>Since the first fill.</summary>
    AllTime,
}

/// <summary>What a leaderboard is ranked by.</summary>
public enum LeaderboardRanking
{
    /// <summary>Realized PnL, highest first.</summary>
    RealizedPnl,

    /// <summary>Traded notional, highest first.</summary>
    Volume,
}

/// <summary>A leaderboard read.</summary>
/// <param name="Window">The period.</param>
/// <param name="Ranking">The order.</param>
/// <param name="Now">The end of the period.</param>
/// <param name="Limit">At most this many rows (1 to <see cref="MaxLimit"/>).</param>
public sealed record LeaderboardQuery(LeaderboardWindow Window, LeaderboardRanking Ranking, DateTimeOffset Now, int Limit = 50)
{
    /// <summary>The most rows served.</summary>
    public const int MaxLimit = 200;
}

/// <summary>One trader's line.</summary>
/// <param name="Rank">1 for the first.</param>
/// <param name="Trader">The trader id.</param>
/// <param name="RealizedPnl">Realized PnL in the window.</param>
/// <param name="Volume">Traded notional in the window.</param>
/// <param name="Fills">Fills in the window.</param>
public sealed record LeaderboardRow(int Rank, string Trader, Money RealizedPnl, Money Volume, long Fills);

/// <summary>The ranked traders.</summary>
/// <param name="Window">The period.</param>
/// <param name="Ranking">The order.</param>
/// <param name="Rows">The lines, best first.</param>
/// <param name="Traders">Traders with fills in the window (may exceed the rows shown).</param>
public sealed record LeaderboardStandings(LeaderboardWindow Window, LeaderboardRanking Ranking, ImmutableArray<LeaderboardRow> Rows, int Traders);
