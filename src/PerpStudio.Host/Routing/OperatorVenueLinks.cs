using Microsoft.Extensions.Logging;
using PerpStudio.Grains.Routing;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Fills;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Host.Routing;

/// <summary>
/// Connects an operator to the venues: opens its venue accounts, starts the fill feed that brings their fills to the
/// account grains, and the reconciler that compares venue positions with the platform's on a timer. Linked operators are
/// recorded durably (<see cref="ILinkedOperatorsGrain"/>), so every member links every one of them at start and any member
/// can route any operator's orders.
/// </summary>
public sealed partial class OperatorVenueLinks(
    VenueFleet fleet,
    IRoutedOrderDirectory directory,
    IFillCheckpoints checkpoints,
    RecordingFillSink sink,
    IAllocatedPositions allocated,
    IGrainFactory grains,
    PlatformOptions options,
    TimeProvider time,
    ILogger<OperatorVenueLinks> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (VenueFillFeed Feed, Reconciler Reconciler)> _links = new(StringComparer.Ordinal);

    /// <summary>The operators linked so far.</summary>
    public IReadOnlyCollection<string> Operators
    {
        get
        {
            lock (_gate)
            {
                return [.. _links.Keys];
            }
        }
    }

    /// <summary>The operator's fill feed, once linked.</summary>
    public VenueFillFeed? FeedOf(string operatorId)
    {
        lock (_gate)
        {
            return _links.TryGetValue(operatorId, out var link) ? link.Feed : null;
        }
    }

    /// <summary>The operator's reconciler, once linked.</summary>
    public Reconciler? ReconcilerOf(string operatorId)
    {
        lock (_gate)
        {
            return _links.TryGetValue(operatorId, out var link) ? link.Reconciler : null;
        }
    }

    /// <summary>Whether the operator is linked in this process.</summary>
    public bool IsLinked(string operatorId)
    {
        lock (_gate)
        {
            return _links.ContainsKey(operatorId);
        }
    }

    /// <summary>Records the operator as linked (durably, for every member) and links it here; once, later calls do nothing.</summary>
    public async Task LinkAsync(string operatorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        if (IsLinked(operatorId))
        {
            return;
        }

        // recorded before the local link: a member starting later links it too, even if this one stops now
        await grains.GetGrain<ILinkedOperatorsGrain>(RoutingGrainKeys.Platform).AddAsync(operatorId);
        Link(operatorId);
    }

    /// <summary>Links every operator recorded as linked (at start); returns how many there are.</summary>
    public async Task<int> LinkRecordedAsync()
    {
        var recorded = await grains.GetGrain<ILinkedOperatorsGrain>(RoutingGrainKeys.Platform).ListAsync();
        foreach (var operatorId in recorded)
        {
            Link(operatorId);
        }

        return recorded.Length;
    }

    /// <summary>Links the operator in this process only (once; later calls do nothing).</summary>
    public void Link(string operatorId)
    {
        lock (_gate)
        {
            if (_links.ContainsKey(operatorId))
            {
                return;
            }

            var venues = fleet.OpenOperator(operatorId);
            var feed = new VenueFillFeed(operatorId, venues, directory, sink, checkpoints, new FillFeedOptions(), time);
            var reconciler = new Reconciler(operatorId, venues, allocated, directory, sink,
                new ReconcilerOptions { Interval = options.Timers.ReconcileInterval, RecoverOnSchedule = true }, time);
            reconciler.Checked += (_, report) =>
            {
                if (!report.IsClean)
                {
                    LogDifferences(logger, operatorId, report.Differences.Count, report.Failures.Count);
                }
            };
            feed.Start();
            reconciler.Start();
            _links.Add(operatorId, (feed, reconciler));
            LogLinked(logger, operatorId, string.Join(", ", venues.Select(v => v.Id.Value)));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<(VenueFillFeed Feed, Reconciler Reconciler)> links;
        lock (_gate)
        {
            links = [.. _links.Values];
            _links.Clear();
        }

        foreach (var (feed, reconciler) in links)
        {
            reconciler.Dispose();
            await feed.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator {Operator} linked to venues {Venues}")]
    private static partial void LogLinked(ILogger logger, string @operator, string venues);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of operator {Operator}: {Differences} position difference(s), {Failures} venue failure(s)")]
    private static partial void LogDifferences(ILogger logger, string @operator, int differences, int failures);
}
