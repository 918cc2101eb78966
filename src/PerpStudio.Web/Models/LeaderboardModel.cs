using PerpStudio.Api.Errors;
using PerpStudio.Grains.Leaderboard;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Models;

/// <summary>The leaderboard page.</summary>
/// <param name="Site">The operator.</param>
/// <param name="Trader">The signed-in trader's address (EIP-55), or null for a visitor.</param>
/// <param name="Window">The period shown.</param>
/// <param name="Ranking">The order shown.</param>
/// <param name="Standings">The ranked traders, or null for a visitor or when refused.</param>
/// <param name="Refusal">Why the standings could not be read, or null.</param>
public sealed record LeaderboardModel(
    OperatorSite Site, string? Trader, LeaderboardWindow Window, LeaderboardRanking Ranking, LeaderboardStandings? Standings, ApiError? Refusal = null)
{
    /// <summary>The periods offered, with their names in links.</summary>
    public static IReadOnlyList<(LeaderboardWindow Window, string Name, string Label)> Windows { get; } =
        [(LeaderboardWindow.Day, "24h", "Last 24 hours"), (LeaderboardWindow.Week, "7d", "Last 7 days"), (LeaderboardWindow.AllTime, "all", "All time")];

    /// <summary>The orders offered, with their names in links.</summary>
    public static IReadOnlyList<(LeaderboardRanking Ranking, string Name, string Label)> Rankings { get; } =
        [(LeaderboardRanking.RealizedPnl, "pnl", "Realized PnL"), (LeaderboardRanking.Volume, "volume", "Volume")];

    /// <summary>The period named in a link (24h when missing or unknown).</summary>
    public static LeaderboardWindow WindowOf(string? name)
    {
        foreach (var w in Windows)
        {
            if (w.Name == name)
            {
                return w.Window;
            }
        }

        return LeaderboardWindow.Day;
    }

    /// <summary>The order named in a link (realized PnL when missing or unknown).</summary>
    public static LeaderboardRanking RankingOf(string? name)
    {
        foreach (var r in Rankings)
        {
            if (r.Name == name)
            {
                return r.Ranking;
            }
        }

        return LeaderboardRanking.RealizedPnl;
    }

    /// <summary>The link name of a period.</summary>
    public static string NameOf(LeaderboardWindow window) => Windows.First(w => w.Window == window).Name;

    /// <summary>The link name of an order.</summary>
    public static string NameOf(LeaderboardRanking ranking) => Rankings.First(r => r.Ranking == ranking).Name;

    /// <summary>An address shortened for a table: 0x1234…abcd (the whole address stays in the title).</summary>
    public static string Shorten(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Length <= 12 ? address : $"{address[..6]}…{address[^4..]}";
    }

    /// <summary>True when the row is the signed-in trader's (trader ids are lower-case addresses).</summary>
    public bool IsYou(LeaderboardRow row) => Trader is not null && string.Equals(row?.Trader, Trader, StringComparison.OrdinalIgnoreCase);
}
