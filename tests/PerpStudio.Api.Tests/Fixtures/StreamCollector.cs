using System.Threading.Channels;

namespace PerpStudio.Api.Tests.Fixtures;

/// <summary>Reads a server stream on the thread pool into a channel, so a test can take messages one by one with a cap.</summary>
/// <typeparam name="T">The message type.</typeparam>
public sealed class StreamCollector<T> : IAsyncDisposable
{
    private readonly Channel<T> _messages = Channel.CreateUnbounded<T>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    /// <summary>Starts reading the stream <paramref name="open"/> makes.</summary>
    public StreamCollector(Func<CancellationToken, IAsyncEnumerable<T>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        _reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in open(_stop.Token))
                {
                    await _messages.Writer.WriteAsync(message);
                }

                _messages.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                _messages.Writer.TryComplete(ex);
            }
        });
    }

    /// <summary>The next message; fails after 20 s without one, or when the stream ended or failed.</summary>
    public async Task<T> NextAsync(string what)
    {
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            return await _messages.Reader.ReadAsync(cap.Token);
        }
        catch (OperationCanceledException) when (cap.IsCancellationRequested)
        {
            throw new TimeoutException($"no {what} within 20 s");
        }
    }

    /// <summary>Cancels the call and waits for the reader to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
    }
}
