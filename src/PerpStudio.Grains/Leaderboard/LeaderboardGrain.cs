using System.Collections.Immutable;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Leaderboard;

/// <summary>
/// Keeps an operator's leaderboard (see <see cref="ILeaderboardGrain"/>). Bounded: per account, the all-time totals and
/// at most a week of hourly totals, so the state grows with the number of traders, never with the number of fills.
/// </summary>
public sealed class LeaderboardGrain(
    [PersistentState("leaderboard", GrainKeys.Storage)] IPersistentState<LeaderboardState> state) : Grain, ILeaderboardGrain
{
    /// <summary>Hours of hourly totals kept per account: the longest window short of all time.</summary>
    public const int HoursKept = 7 * 24;

    /// <inheritdoc />
    public async Task<LeaderboardReceipt> RecordAsync(LeaderboardFill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var (operatorId, _) = GrainKeys.ParseAccount(fill.AccountKey);
        if (!string.Equals(operatorId, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException($"{fill.AccountKey} is not an account of operator {this.GetPrimaryKeyString()}", nameof(fill));
        }

        var entry = state.State.Accounts.GetValueOrDefault(fill.AccountKey) ?? new LeaderboardEntry();
        if (fill.Sequence != entry.LastSequence + 1)
        {
            // a repeat (at or below the last) or a gap (beyond the next): nothing changes
            return new LeaderboardReceipt(false, entry.LastSequence);
        }

        var hour = HourOf(fill.Time);
        var hours = entry.Hours.SetItem(hour, entry.Hours.GetValueOrDefault(hour, LeaderboardTotals.Zero).Add(fill));
        var newest = hours.Keys.Last();
        foreach (var old in hours.Keys.TakeWhile(h => h <= newest - HoursKept).ToList())
        {
            hours = hours.Remove(old);
        }

        var updated = entry with { LastSequence = fill.Sequence, AllTime = entry.AllTime.Add(fill), Hours = hours };
        state.State = state.State with { Accounts = state.State.Accounts.SetItem(fill.AccountKey, updated) };
        await state.WriteStateAsync();
        return new LeaderboardReceipt(true, fill.Sequence);
    }

    /// <inheritdoc />
    public Task<LeaderboardStandings> GetStandingsAsync(LeaderboardQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var from = query.Window switch
        {
            LeaderboardWindow.Day => HourOf(query.Now) - 23,
            LeaderboardWindow.Week => HourOf(query.Now) - (HoursKept - 1),
            _ => long.MinValue,
        };
        var to = HourOf(query.Now);
        var totals = new List<(string Trader, LeaderboardTotals Totals)>();
        foreach (var (accountKey, entry) in state.State.Accounts)
        {
            var inWindow = query.Window == LeaderboardWindow.AllTime
                ? entry.AllTime
                : entry.Hours.Where(h => h.Key >= from && h.Key <= to).Aggregate(LeaderboardTotals.Zero, (sum, h) => sum.Add(h.Value));
            if (inWindow.Fills > 0)
            {
                totals.Add((GrainKeys.ParseAccount(accountKey).TraderId, inWindow));
            }
        }

        var ranked = (query.Ranking == LeaderboardRanking.Volume
                ? totals.OrderByDescending(t => t.Totals.Volume).ThenByDescending(t => t.Totals.RealizedPnl)
                : totals.OrderByDescending(t => t.Totals.RealizedPnl).ThenByDescending(t => t.Totals.Volume))
            .ThenBy(t => t.Trader, StringComparer.Ordinal)
            .Take(Math.Clamp(query.Limit, 1, LeaderboardQuery.MaxLimit))
            .Select((t, i) => new LeaderboardRow(i + 1, t.Trader, t.Totals.RealizedPnl, t.Totals.Volume, t.Totals.Fills))
            .ToImmutableArray();
        return Task.FromResult(new LeaderboardStandings(query.Window, query.Ranking, ranked, totals.Count));
    }

    private static long HourOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;
}
