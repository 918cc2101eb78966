using Microsoft.Extensions.Logging;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Venues;
using PerpStudio.Venues.Routing;
using PerpStudio.Venues.Routing.Fills;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Host.Routing;

/// <summary>
/// Connects an operator to the venues: opens its venue accounts, starts the fill feed that brings their fills to the
/// account grains, and the reconciler that compares venue positions with the platform's on a timer.
/// </summary>
public sealed partial class OperatorVenueLinks(
    VenueFleet fleet,
    IRoutedOrderDirectory directory,
    RecordingFillSink sink,
    InMemoryFillBook allocated,
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

    /// <summary>Links the operator (once; later calls do nothing).</summary>
    public void Link(string operatorId)
    {
        lock (_gate)
        {
            if (_links.ContainsKey(operatorId))
            {
                return;
            }

            var venues = fleet.OpenOperator(operatorId);
            var feed = new VenueFillFeed(operatorId, venues, directory, sink, new InMemoryFillCheckpoints(), new FillFeedOptions(), time);
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
