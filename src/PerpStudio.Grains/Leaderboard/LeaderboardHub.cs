using System.Collections.Immutable;
using PerpStudio.Grains.Events;

namespace PerpStudio.Grains.Leaderboard;

/// <summary>
/// The account event hub with the leaderboard listening: every event goes to the inner hub unchanged, and each
/// <see cref="FillApplied"/> is also queued on the <see cref="LeaderboardFeed"/>.
/// </summary>
/// <param name="inner">The hub the accounts and the streams use.</param>
/// <param name="feed">The leaderboard's feed.</param>
public sealed class LeaderboardHub(IAccountEventHub inner, LeaderboardFeed feed) : IAccountEventHub
{
    /// <inheritdoc />
    public void Publish(AccountEvent accountEvent)
    {
        inner.Publish(accountEvent);
        if (accountEvent is FillApplied applied)
        {
            feed.Enqueue(applied);
        }
    }

    /// <inheritdoc />
    public AccountEventSubscription Subscribe(string accountKey, long afterSequence = 0) => inner.Subscribe(accountKey, afterSequence);

    /// <inheritdoc />
    public ImmutableArray<AccountEvent> Recent(string accountKey, long afterSequence = 0) => inner.Recent(accountKey, afterSequence);
}
