using System.Threading.Channels;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>A live feed to one consumer: an unbounded channel the adapter writes and the consumer reads.</summary>
/// <typeparam name="T">What the feed carries.</typeparam>
internal sealed class FeedSubscription<T> : IVenueSubscription<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<FeedSubscription<T>, ValueTask> _onDispose;
    private int _disposed;

    public FeedSubscription(Func<FeedSubscription<T>, ValueTask> onDispose) => _onDispose = onDispose;

    public ChannelReader<T> Reader => _channel.Reader;

    public bool TryWrite(T item) => _channel.Writer.TryWrite(item);

    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Complete();
            await _onDispose(this).ConfigureAwait(false);
        }
    }
}
