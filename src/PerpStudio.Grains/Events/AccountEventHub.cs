using System.Collections.Immutable;
using System.Threading.Channels;

namespace PerpStudio.Grains.Events;

/// <summary>
/// The process-local <see cref="IAccountEventHub"/>: per account, a ring of the most recent events and the live
/// subscribers. Publishing never blocks (subscribers read from unbounded channels).
/// </summary>
/// <param name="historyPerAccount">How many recent events each account keeps for resumption.</param>
public sealed class AccountEventHub(int historyPerAccount = 256) : IAccountEventHub
{
    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public void Publish(AccountEvent accountEvent)
    {
        ArgumentNullException.ThrowIfNull(accountEvent);
        lock (_gate)
        {
            var stream = StreamOf(accountEvent.AccountKey);
            if (accountEvent.Sequence <= stream.LastSequence)
            {
                return; // a republished event (e.g. after a retry) is already out
            }

            stream.LastSequence = accountEvent.Sequence;
            stream.History.Enqueue(accountEvent);
            while (stream.History.Count > historyPerAccount)
            {
                stream.History.Dequeue();
            }

            foreach (var subscriber in stream.Subscribers)
            {
                subscriber.Channel.Writer.TryWrite(accountEvent);
            }
        }
    }

    /// <inheritdoc />
    public AccountEventSubscription Subscribe(string accountKey, long afterSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        lock (_gate)
        {
            var stream = StreamOf(accountKey);
            var oldest = stream.History.Count == 0 ? stream.LastSequence + 1 : stream.History.Peek().Sequence;
            var complete = afterSequence >= oldest - 1 || afterSequence >= stream.LastSequence;
            var subscription = new Subscription(this, stream, complete);
            foreach (var e in stream.History)
            {
                if (e.Sequence > afterSequence)
                {
                    subscription.Channel.Writer.TryWrite(e);
                }
            }

            stream.Subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <inheritdoc />
    public ImmutableArray<AccountEvent> Recent(string accountKey, long afterSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        lock (_gate)
        {
            return _streams.TryGetValue(accountKey, out var stream)
                ? [.. stream.History.Where(e => e.Sequence > afterSequence)]
                : [];
        }
    }

    private Stream StreamOf(string accountKey)
    {
        if (!_streams.TryGetValue(accountKey, out var stream))
        {
            stream = new Stream();
            _streams[accountKey] = stream;
        }

        return stream;
    }

    private void Remove(Stream stream, Subscription subscription)
    {
        lock (_gate)
        {
            stream.Subscribers.Remove(subscription);
        }
    }

    private sealed class Stream
    {
        public Queue<AccountEvent> History { get; } = new();

        public List<Subscription> Subscribers { get; } = [];

        public long LastSequence { get; set; }
    }

    private sealed class Subscription(AccountEventHub hub, Stream stream, bool complete) : AccountEventSubscription
    {
        public Channel<AccountEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<AccountEvent>(new UnboundedChannelOptions { SingleReader = true });

        public override ChannelReader<AccountEvent> Reader => Channel.Reader;

        public override bool Complete => complete;

        protected override void Dispose(bool disposing)
        {
            hub.Remove(stream, this);
            Channel.Writer.TryComplete();
        }
    }
}
