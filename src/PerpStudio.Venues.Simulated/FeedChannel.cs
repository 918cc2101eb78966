using System.Threading.Channels;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated;

/// <summary>An unbounded feed to one subscriber; disposing it unsubscribes and completes the reader.</summary>
/// <typeparam name="T">What the feed carries.</typeparam>
internal sealed class FeedChannel<T> : IVenueSubscription<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<FeedChannel<T>> _unsubscribe;

    internal FeedChannel(Action<FeedChannel<T>> unsubscribe) => _unsubscribe = unsubscribe;

    /// <inheritdoc />
    public ChannelReader<T> Reader => _channel.Reader;

    internal void Publish(T item) => _channel.Writer.TryWrite(item);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
