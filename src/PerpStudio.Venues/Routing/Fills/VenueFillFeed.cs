using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Fills;

/// <summary>
/// Brings one operator's fills from its venue accounts to the <see cref="IFillSink"/>, none lost and none applied twice.
/// Per venue it subscribes to the account's events, then recovers history since its checkpoint (after subscribing, so
/// nothing falls in between), and applies each streamed fill. Duplicates are dropped by (venue, fill id). When the
/// stream ends or fails it subscribes again and recovers what it missed; when an order update reports more filled than
/// was applied (the stream dropped a fill) it recovers at once. Checkpoints make it restartable.
/// </summary>
public sealed class VenueFillFeed : IAsyncDisposable
{
    private readonly Dictionary<VenueId, FillIntake> _intakes = [];
    private readonly Dictionary<VenueId, SubscriptionCount> _subscriptions = [];
    private readonly FillFeedOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    /// <summary>Creates the feed of one operator's venue accounts.</summary>
    public VenueFillFeed(
        string operatorId,
        IEnumerable<IVenue> venues,
        IRoutedOrderDirectory directory,
        IFillSink sink,
        IFillCheckpoints? checkpoints = null,
        FillFeedOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(sink);
        checkpoints ??= new InMemoryFillCheckpoints();
        _options = options ?? new FillFeedOptions();
        _time = timeProvider ?? TimeProvider.System;
        foreach (var venue in venues)
        {
            _intakes.Add(venue.Id, new FillIntake(operatorId, venue, directory, sink, checkpoints));
            _subscriptions.Add(venue.Id, new SubscriptionCount());
        }
    }

    /// <summary>Fills handed to the sink, per venue.</summary>
    public long AppliedFrom(VenueId venue) => Intake(venue).Applied;

    /// <summary>Deliveries dropped as already seen, per venue.</summary>
    public long DuplicatesFrom(VenueId venue) => Intake(venue).Duplicates;

    /// <summary>Fills whose client order id the directory does not know (orders not placed by the router); reconciliation reports them.</summary>
    public IReadOnlyList<VenueFill> UnattributedFrom(VenueId venue) => Intake(venue).Unattributed;

    /// <summary>How many times the venue's events have been subscribed.</summary>
    public int SubscriptionsTo(VenueId venue) => _subscriptions[venue].Count;

    /// <summary>Starts reading every venue. Call once.</summary>
    public void Start()
    {
        lock (_loops)
        {
            if (_loops.Count > 0)
            {
                throw new InvalidOperationException("the feed is already started");
            }

            foreach (var intake in _intakes.Values)
            {
                _loops.Add(Task.Run(() => RunAsync(intake, _stop.Token)));
            }
        }
    }

    /// <summary>Completes when the venue's events have been subscribed (and history recovered) at least <paramref name="times"/> times.</summary>
    public Task WhenSubscribedAsync(VenueId venue, int times, CancellationToken cancellationToken) =>
        _subscriptions[venue].WhenAtLeastAsync(times, cancellationToken);

    /// <summary>Recovers a venue's fills from history since its checkpoint; returns how many were new.</summary>
    public Task<int> CatchUpAsync(VenueId venue, CancellationToken cancellationToken) =>
        Intake(venue).CatchUpAsync(_options.RecoveryLookback, _options.PageSize, cancellationToken);

    /// <summary>Stops reading and waits for the loops to end.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        Task[] loops;
        lock (_loops)
        {
            loops = [.. _loops];
        }

        await Task.WhenAll(loops);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private FillIntake Intake(VenueId venue) =>
        _intakes.TryGetValue(venue, out var intake) ? intake : throw new ArgumentException($"the feed does not read {venue}", nameof(venue));

    private async Task RunAsync(FillIntake intake, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            IVenueSubscription<VenueEvent>? subscription = null;
            var failed = false;
            try
            {
                subscription = await intake.Venue.SubscribeEventsAsync(stop);
                await intake.CatchUpAsync(_options.RecoveryLookback, _options.PageSize, stop);
                _subscriptions[intake.Venue.Id].Increment();
                var reader = subscription.Reader;
                while (await reader.WaitToReadAsync(stop))
                {
                    while (reader.TryRead(out var e))
                    {
                        await OnEventAsync(intake, e, stop);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a feed must outlive any failure of a venue or a sink: it resubscribes and recovers from history
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failed = true;
                RoutingTelemetry.Errors.Add(1, new("venue", intake.Venue.Id.Value), new("operation", "fill_feed"), new("error", ex.GetType().Name));
            }
            finally
            {
                if (subscription is not null)
                {
                    await subscription.DisposeAsync();
                }
            }

            if (failed && _options.ResubscribeDelay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(_options.ResubscribeDelay, _time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task OnEventAsync(FillIntake intake, VenueEvent e, CancellationToken stop)
    {
        switch (e)
        {
            case FillReceived received:
                await intake.TakeAsync(received.Fill, FillSource.Stream, stop);
                break;
            case OrderUpdated updated when intake.HasGap(updated.Order):
                // the venue says more has filled than arrived: a fill was dropped on the way; history has it
                await intake.CatchUpAsync(_options.RecoveryLookback, _options.PageSize, stop);
                break;
        }
    }

    /// <summary>A count that tests (and health checks) can await reaching a value, without polling.</summary>
    private sealed class SubscriptionCount
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        internal int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        internal void Increment()
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                _count++;
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }

        internal async Task WhenAtLeastAsync(int times, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (_count >= times)
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cancellationToken);
            }
        }
    }
}
