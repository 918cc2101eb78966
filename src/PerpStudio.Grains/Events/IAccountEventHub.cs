using System.Collections.Immutable;
using System.Threading.Channels;

namespace PerpStudio.Grains.Events;

/// <summary>
/// The in-process stream of account events: the account grain publishes after each change is stored; the gRPC streams
/// service and the web frontend subscribe per account. A bounded recent history per account lets a subscriber resume
/// after the last sequence it saw.
/// </summary>
public interface IAccountEventHub
{
    /// <summary>Delivers an event to the account's live subscribers and keeps it in the account's recent history.</summary>
    void Publish(AccountEvent accountEvent);

    /// <summary>
    /// Subscribes to an account's events with a sequence above <paramref name="afterSequence"/>: first those still in
    /// the history, then live ones, in sequence order without repeats.
    /// </summary>
    AccountEventSubscription Subscribe(string accountKey, long afterSequence = 0);

    /// <summary>The account's events in the recent history with a sequence above <paramref name="afterSequence"/>.</summary>
    ImmutableArray<AccountEvent> Recent(string accountKey, long afterSequence = 0);
}

/// <summary>One subscriber's feed; dispose it to unsubscribe.</summary>
public abstract class AccountEventSubscription : IDisposable
{
    /// <summary>The events, in sequence order.</summary>
    public abstract ChannelReader<AccountEvent> Reader { get; }

    /// <summary>
    /// False when events after the requested sequence had already left the history (the subscriber missed some and
    /// should reload the account's state); true when the feed is complete from that sequence.
    /// </summary>
    public abstract bool Complete { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the subscription.</summary>
    protected abstract void Dispose(bool disposing);
}
