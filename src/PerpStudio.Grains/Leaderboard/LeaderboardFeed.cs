using System.Threading.Channels;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Leaderboard;

/// <summary>
/// Carries applied fills to their operator's <see cref="ILeaderboardGrain"/>, one at a time in the order the accounts
/// applied them. When the grain reports a gap (a fill event this process never saw, e.g. published by a process that
/// stopped before delivering it), the missing fills are read from the account grain and sent first, so every fill is
/// counted exactly once. A failed call is retried after <see cref="RetryDelay"/>; nothing queued is dropped.
/// </summary>
public sealed class LeaderboardFeed : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly Channel<FillApplied> _queue = Channel.CreateUnbounded<FillApplied>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = Completed();
    private long _counted;
    private long _pending;
    private int _disposed;
    private long _setAside;

    /// <summary>Starts the delivery loop.</summary>
    public LeaderboardFeed(IGrainFactory grains, TimeProvider time)
    {
        _grains = grains ?? throw new ArgumentNullException(nameof(grains));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _loop = Task.Run(() => DeliverAsync(_stop.Token));
    }

    /// <summary>How long a failed delivery waits before it is tried again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Fills counted by the grains through this feed (including backfilled ones).</summary>
    public long Counted => Interlocked.Read(ref _counted);

    /// <summary>Events that could never be counted (a malformed account key) and were set aside.</summary>
    public long SetAside => Interlocked.Read(ref _setAside);

    /// <summary>Events queued and not yet delivered.</summary>
    public long Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>Completes when everything queued so far has been delivered.</summary>
    public Task Idle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Task;
            }
        }
    }

    /// <summary>Queues an applied fill (never blocks: called from inside an account's turn).</summary>
    public void Enqueue(FillApplied applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        _queue.Writer.TryWrite(applied);
    }

    /// <summary>The leaderboard line of one fill.</summary>
    public static LeaderboardFill LineOf(string accountKey, FillView fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return new LeaderboardFill(accountKey, fill.Sequence, fill.FillId, fill.RealizedPnl, Notional.Of(fill.Size, fill.Price, Rounding.HalfEven), fill.Time);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting
        }

        _stop.Dispose();
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        await foreach (var applied in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            while (true)
            {
                try
                {
                    await DeliverOneAsync(applied);
                    break;
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
                {
                    // storage or forwarding trouble: the same fill again after a pause, so order is kept
                    await Task.Delay(RetryDelay, _time, cancellationToken);
                }
                catch (ArgumentException)
                {
                    // an event that can never be counted (not an account key): set aside, so it cannot block the others
                    Interlocked.Increment(ref _setAside);
                    break;
                }
            }

            lock (_gate)
            {
                if (--_pending == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private async Task DeliverOneAsync(FillApplied applied)
    {
        var (operatorId, _) = GrainKeys.ParseAccount(applied.AccountKey);
        var board = _grains.GetGrain<ILeaderboardGrain>(operatorId);
        var line = LineOf(applied.AccountKey, applied.Fill);
        var receipt = await board.RecordAsync(line);
        if (receipt.Gap(line.Sequence))
        {
            foreach (var missing in await MissingAsync(applied.AccountKey, receipt.LastSequence, line.Sequence))
            {
                Count(await board.RecordAsync(LineOf(applied.AccountKey, missing)));
            }

            receipt = await board.RecordAsync(line);
        }

        Count(receipt);
    }

    private void Count(LeaderboardReceipt receipt)
    {
        if (receipt.Counted)
        {
            Interlocked.Increment(ref _counted);
        }
    }

    /// <summary>The account's fills with a sequence in (after, before), oldest first.</summary>
    private async Task<List<FillView>> MissingAsync(string accountKey, long after, long before)
    {
        var account = _grains.GetGrain<IAccountGrain>(accountKey);
        var missing = new List<FillView>();
        long? cursor = before;
        while (cursor is { } c && c > after + 1)
        {
            var page = await account.GetFillsAsync(new PageRequest(c, PageRequest.MaxLimit));
            missing.AddRange(page.Items.Where(f => f.Sequence > after && f.Sequence < before));
            if (page.Items.IsEmpty || page.Items.Min(f => f.Sequence) <= after + 1)
            {
                break;
            }

            cursor = page.NextBefore;
        }

        return [.. missing.OrderBy(f => f.Sequence)];
    }
}
