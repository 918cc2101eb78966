using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Fills;

namespace PerpStudio.Venues.Routing.Reconciliation;

/// <summary>
/// Compares, per venue and market, an operator's venue account position with the positions the platform attributes to
/// it, explains each difference with fills, and can recover the unapplied ones into the sink. Runs on demand
/// (<see cref="CheckAsync"/>) and on a timer of the <see cref="TimeProvider"/> (<see cref="Start"/>).
/// </summary>
public sealed class Reconciler : IDisposable
{
    private readonly string _operatorId;
    private readonly IReadOnlyList<IVenue> _venues;
    private readonly IAllocatedPositions _allocated;
    private readonly IRoutedOrderDirectory _directory;
    private readonly IFillSink _sink;
    private readonly ReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _running = new(1, 1);
    private ITimer? _timer;

    /// <summary>Creates the reconciler of one operator's venue accounts.</summary>
    public Reconciler(
        string operatorId,
        IEnumerable<IVenue> venues,
        IAllocatedPositions allocated,
        IRoutedOrderDirectory directory,
        IFillSink sink,
        ReconcilerOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        _operatorId = operatorId;
        _venues = venues?.ToArray() ?? throw new ArgumentNullException(nameof(venues));
        _allocated = allocated ?? throw new ArgumentNullException(nameof(allocated));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _options = options ?? new ReconcilerOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised after each scheduled check with its report.</summary>
    public event EventHandler<ReconciliationReport>? Checked;

    /// <summary>The last report, scheduled or on demand.</summary>
    public ReconciliationReport? LastReport { get; private set; }

    /// <summary>Starts the scheduled checks (every <see cref="ReconcilerOptions.Interval"/>).</summary>
    public void Start() =>
        _timer ??= _time.CreateTimer(_ => _ = RunScheduledAsync(), null, _options.Interval, _options.Interval);

    /// <summary>Checks every venue now.</summary>
    public async Task<ReconciliationReport> CheckAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            var differences = new List<PositionDifference>();
            var failures = new List<VenueCheckFailure>();
            foreach (var venue in _venues)
            {
                try
                {
                    differences.AddRange(await CheckVenueAsync(venue, cancellationToken));
                }
                catch (VenueUnavailableException ex)
                {
                    failures.Add(new VenueCheckFailure(venue.Id, ex.Message));
                }
            }

            var report = new ReconciliationReport(_operatorId, _time.GetUtcNow(), differences, failures);
            LastReport = report;
            return report;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Hands every unapplied venue fill of the report to the sink (which applies each once).</summary>
    public async Task<RecoveryReport> RecoverAsync(ReconciliationReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        int applied = 0, already = 0;
        var unattributed = new List<VenueFill>();
        foreach (var difference in report.Differences)
        {
            foreach (var fill in difference.UnappliedVenueFills)
            {
                var leg = await _directory.FindAsync(fill.ClientOrderId, cancellationToken);
                if (leg is null || leg.Owner.OperatorId != _operatorId)
                {
                    unattributed.Add(fill);
                    continue;
                }

                var result = await _sink.ApplyAsync(new RoutedFill(difference.Venue, leg, fill), cancellationToken);
                if (result == FillApplication.Applied)
                {
                    applied++;
                    RoutingTelemetry.Fills.Add(1, new("venue", difference.Venue.Value), new("source", FillSource.Reconciliation.ToString()));
                }
                else
                {
                    already++;
                }
            }
        }

        return new RecoveryReport(applied, already, unattributed);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        _running.Dispose();
    }

    private async Task RunScheduledAsync()
    {
        try
        {
            var report = await CheckAsync(CancellationToken.None);
            if (_options.RecoverOnSchedule && report.Differences.Count > 0)
            {
                await RecoverAsync(report, CancellationToken.None);
            }

            Checked?.Invoke(this, report);
        }
        catch (ObjectDisposedException)
        {
            // the reconciler was disposed while a scheduled check was due
        }
    }

    private async Task<List<PositionDifference>> CheckVenueAsync(IVenue venue, CancellationToken cancellationToken)
    {
        var since = _time.GetUtcNow() - _options.FillWindow;

        // the account first, then fills: every fill in the account state is then in the history read after it
        var account = await venue.GetAccountAsync(cancellationToken);
        var fills = await FillsSinceAsync(venue, since, cancellationToken);
        var markets = new HashSet<MarketId>(account.Positions.Select(p => p.Market));
        markets.UnionWith(await _allocated.MarketsAsync(_operatorId, venue.Id, cancellationToken));
        var differences = new List<PositionDifference>();
        foreach (var market in markets.OrderBy(m => m.Symbol, StringComparer.Ordinal))
        {
            var atVenue = account.PositionIn(market);
            var allocated = await _allocated.PositionAsync(_operatorId, venue.Id, market, cancellationToken);
            if (atVenue == allocated)
            {
                continue;
            }

            var applied = await _allocated.AppliedFillsAsync(_operatorId, venue.Id, market, since, cancellationToken);
            var appliedIds = applied.Select(a => a.FillId).ToHashSet();
            var venueFills = fills.Where(f => f.Market == market).ToList();
            var venueIds = venueFills.Select(f => f.FillId).ToHashSet();
            var unapplied = venueFills.Where(f => !appliedIds.Contains(f.FillId)).ToList();
            var unknown = applied.Where(a => !venueIds.Contains(a.FillId)).ToList();
            var explained = unapplied.Aggregate(Quantity.Zero, (s, f) => s + f.Side.Signed(f.Size))
                - unknown.Aggregate(Quantity.Zero, (s, a) => s + a.SignedSize);
            differences.Add(new PositionDifference(venue.Id, market, atVenue, allocated, unapplied, unknown, explained == atVenue - allocated));
        }

        return differences;
    }

    private async Task<List<VenueFill>> FillsSinceAsync(IVenue venue, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var all = new Dictionary<VenueFillId, VenueFill>();
        var limit = _options.PageSize;
        while (true)
        {
            var page = await venue.GetFillsAsync(since, limit, cancellationToken);
            foreach (var fill in page)
            {
                all.TryAdd(fill.FillId, fill);
            }

            if (page.Count < limit)
            {
                return [.. all.Values];
            }

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
}
