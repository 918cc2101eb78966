using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Routing.Fills;

/// <summary>How a fill reached the platform.</summary>
public enum FillSource
{
    /// <summary>The venue's live event feed.</summary>
    Stream,

    /// <summary>The venue's fills history (after a resubscribe, a restart or a detected gap).</summary>
    History,

    /// <summary>Recovered by reconciliation.</summary>
    Reconciliation,
}

/// <summary>
/// One venue account's intake of fills: deduplicates by fill id, maps each to its owner through the directory, hands it
/// to the sink, and moves the checkpoint. A fill is marked seen only after the sink took it, so a failing sink loses
/// nothing: the fill comes again from history.
/// </summary>
internal sealed class FillIntake(string operatorId, IVenue venue, IRoutedOrderDirectory directory, IFillSink sink, IFillCheckpoints checkpoints)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<VenueFillId> _seen = [];
    private readonly Queue<(DateTimeOffset Time, VenueFillId Id)> _seenOrder = new();
    private readonly Dictionary<ClientOrderId, long> _appliedByLeg = [];
    private readonly List<VenueFill> _unattributed = [];
    private DateTimeOffset? _checkpoint;
    private bool _loaded;

    internal IVenue Venue { get; } = venue;

    internal long Applied { get; private set; }

    internal long Duplicates { get; private set; }

    internal IReadOnlyList<VenueFill> Unattributed
    {
        get
        {
            lock (_unattributed)
            {
                return _unattributed.ToArray();
            }
        }
    }

    internal async Task<DateTimeOffset?> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            return _checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>True when the venue reports more filled on a leg than this intake has applied: a fill was dropped.</summary>
    internal bool HasGap(VenueOrder order)
    {
        lock (_appliedByLeg)
        {
            return order.FilledSize.Units > _appliedByLeg.GetValueOrDefault(order.ClientOrderId);
        }
    }

    /// <summary>Takes one fill; returns true when it was new to this intake.</summary>
    internal async Task<bool> TakeAsync(VenueFill fill, FillSource source, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(cancellationToken);
            if (_seen.Contains(fill.FillId))
            {
                Duplicates++;
                return false;
            }

            var leg = await directory.FindAsync(fill.ClientOrderId, cancellationToken);
            if (leg is null || leg.Owner.OperatorId != operatorId)
            {
                lock (_unattributed)
                {
                    _unattributed.Add(fill);
                }
            }
            else
            {
                await sink.ApplyAsync(new RoutedFill(Venue.Id, leg, fill), cancellationToken);
                lock (_appliedByLeg)
                {
                    _appliedByLeg[fill.ClientOrderId] = _appliedByLeg.GetValueOrDefault(fill.ClientOrderId) + fill.Size.Units;
                }

                Applied++;
                RoutingTelemetry.Fills.Add(1, new("venue", Venue.Id.Value), new("source", source.ToString()));
            }

            MarkSeen(fill);
            if (_checkpoint is not { } c || fill.Time > c)
            {
                _checkpoint = fill.Time;
                await checkpoints.SaveAsync(operatorId, Venue.Id, fill.Time, cancellationToken);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the fills history from the checkpoint less the lookback and takes every fill in it; returns how many were new.</summary>
    internal async Task<int> CatchUpAsync(TimeSpan lookback, int pageSize, CancellationToken cancellationToken)
    {
        var checkpoint = await CheckpointAsync(cancellationToken);
        var since = checkpoint is { } c && c - DateTimeOffset.MinValue > lookback ? c - lookback : DateTimeOffset.MinValue;
        var limit = pageSize;
        var taken = 0;
        while (true)
        {
            var page = await Venue.GetFillsAsync(since, limit, cancellationToken);
            foreach (var fill in page)
            {
                taken += await TakeAsync(fill, FillSource.History, cancellationToken) ? 1 : 0;
            }

            if (page.Count < limit)
            {
                return taken;
            }

            // a full page all at one instant cannot advance "since": read a larger page instead
            var last = page[^1].Time;
            if (last == since)
            {
                limit = checked(limit * 2);
            }
            else
            {
                since = last;
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            _checkpoint = await checkpoints.GetAsync(operatorId, Venue.Id, cancellationToken);
            _loaded = true;
        }
    }

    private void MarkSeen(VenueFill fill)
    {
        _seen.Add(fill.FillId);
        _seenOrder.Enqueue((fill.Time, fill.FillId));

        // ids a day older than the checkpoint are out of any catch-up's reach; the sink still dedupes whatever comes later
        var horizon = _checkpoint is { } c && c - DateTimeOffset.MinValue > TimeSpan.FromDays(1) ? c - TimeSpan.FromDays(1) : DateTimeOffset.MinValue;
        while (_seenOrder.Count > 0 && _seenOrder.Peek().Time < horizon)
        {
            _seen.Remove(_seenOrder.Dequeue().Id);
        }
    }
}
