using PerpStudio.Client;
using PerpStudio.Contracts.V1;

namespace PerpStudio.Host.Tests.Trading;

/// <summary>Reads a trader's account event stream in the background and lets a test await what it needs to see.</summary>
public sealed class AccountEvents : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<AccountEvent> _seen = [];
    private readonly Task _reader;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AccountEvents(PerpStudioClient client, TaskCompletionSource subscribed)
    {
        _reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in client.SubscribeAccountEvents(new SubscribeAccountEventsRequest(), cancellationToken: _stop.Token))
                {
                    subscribed.TrySetResult();
                    lock (_seen)
                    {
                        _seen.Add(e);
                        _changed.TrySetResult();
                        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
            catch (Exception ex) when (_stop.IsCancellationRequested)
            {
                _ = ex;
            }
            catch (Exception ex)
            {
                subscribed.TrySetException(ex);
                throw;
            }
        });
    }

    /// <summary>Subscribes and waits for the snapshot's first event.</summary>
    public static async Task<AccountEvents> SubscribeAsync(PerpStudioClient client)
    {
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new AccountEvents(client, subscribed);
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return events;
    }

    /// <summary>Waits until an event satisfies <paramref name="match"/> (bounded so a missing event fails the test).</summary>
    public async Task<AccountEvent> WaitForAsync(Func<AccountEvent, bool> match)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_seen)
            {
                if (_seen.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            if (_reader.IsFaulted)
            {
                await _reader;
            }

            try
            {
                await changed.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_seen)
                {
                    throw new TimeoutException($"the awaited account event did not come; seen: {string.Join(" | ", _seen.Select(e => e.ToString()))}");
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
            // the stream ended as asked
        }

        _stop.Dispose();
    }
}
