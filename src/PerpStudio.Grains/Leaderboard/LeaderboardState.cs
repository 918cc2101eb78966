using System.Collections.Immutable;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Leaderboard;

/// <summary>Totals over some fills.</summary>
/// <param name="RealizedPnl">Realized PnL.</param>
/// <param name="Volume">Traded notional.</param>
/// <param name="Fills">How many fills.</param>
public sealed record LeaderboardTotals(Money RealizedPnl, Money Volume, long Fills)
{
    /// <summary>Nothing yet.</summary>
    public static readonly LeaderboardTotals Zero = new(Money.Zero, Money.Zero, 0);

    /// <summary>These totals with one more fill.</summary>
    public LeaderboardTotals Add(LeaderboardFill fill) => new(RealizedPnl + fill.RealizedPnl, Volume + fill.Volume, Fills + 1);

    /// <summary>The sum of two totals.</summary>
    public LeaderboardTotals Add(LeaderboardTotals other) => new(RealizedPnl + other.RealizedPnl, Volume + other.Volume, Fills + other.Fills);
}

/// <summary>One account on the leaderboard: the last fill counted, all-time totals and hourly totals of the last week.</summary>
public sealed record LeaderboardEntry
{
    /// <summary>The account's last fill sequence counted.</summary>
    public long LastSequence { get; init; }

    /// <summary>Since the first fill.</summary>
    public LeaderboardTotals AllTime { get; init; } = LeaderboardTotals.Zero;

    /// <summary>Totals by hour (the hour's start in Unix hours); hours older than a week are dropped.</summary>
    public ImmutableSortedDictionary<long, LeaderboardTotals> Hours { get; init; } = ImmutableSortedDictionary<long, LeaderboardTotals>.Empty;
}

/// <summary>The leaderboard's stored state: one entry per account key.</summary>
public sealed record LeaderboardState
{
    /// <summary>Entries by account key.</summary>
    public ImmutableDictionary<string, LeaderboardEntry> Accounts { get; init; } =
        ImmutableDictionary<string, LeaderboardEntry>.Empty.WithComparers(StringComparer.Ordinal);
}
