using Microsoft.Extensions.Hosting;
using PerpStudio.Grpc.Health;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Venues;
using PerpStudio.Venues.Contract;
using ServingStatus = PerpStudio.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace PerpStudio.Host.Health;

/// <summary>
/// Whether the platform can serve: its grain storage answers and at least one venue is up (or degraded). Checked
/// at start and then on a timer; from its start step on (after the member's startup work before it), each result
/// also sets the gRPC health status of the whole server, so <c>grpc.health.v1</c> and <c>/readyz</c> agree.
/// </summary>
public sealed class PlatformReadiness : BackgroundService
{
    private readonly StorageProbe _storage;
    private readonly VenueFleet _fleet;
    private readonly GrpcHealthService _grpcHealth;
    private readonly PlatformOptions _options;
    private readonly TimeProvider _time;
    private volatile ReadinessReport _last = new(false, "not checked yet", []);
    private volatile bool _publishing;

    /// <summary>Creates the check; the server answers NOT_SERVING until the first check after start.</summary>
    public PlatformReadiness(StorageProbe storage, VenueFleet fleet, GrpcHealthService grpcHealth, PlatformOptions options, TimeProvider time)
    {
        _storage = storage;
        _fleet = fleet;
        _grpcHealth = grpcHealth;
        _options = options;
        _time = time;
        grpcHealth.SetStatus(string.Empty, ServingStatus.NotServing);
    }

    /// <summary>The latest check.</summary>
    public ReadinessReport Last => _last;

    /// <summary>Checks storage and every venue now and publishes the result.</summary>
    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var storageError = await _storage.CheckAsync(cancellationToken);
        var venues = new List<VenueReadiness>();
        foreach (var venue in _fleet.MarketDataVenues())
        {
            try
            {
                var health = await venue.GetHealthAsync(cancellationToken);
                venues.Add(new VenueReadiness(venue.Id.Value, health.Status.ToString(), health.Detail));
            }
            catch (VenueUnavailableException ex)
            {
                venues.Add(new VenueReadiness(venue.Id.Value, nameof(VenueHealthStatus.Down), ex.Message));
            }
        }

        var anyVenue = venues.Any(v => v.Status != nameof(VenueHealthStatus.Down));
        var report = new ReadinessReport(storageError is null && anyVenue, storageError ?? "ok", venues);
        _last = report;

        // a /readyz probe during startup must not turn grpc.health.v1 to SERVING before the startup work has run
        if (_publishing)
        {
            _grpcHealth.SetStatus(string.Empty, report.Ready ? ServingStatus.Serving : ServingStatus.NotServing);
        }

        return report;
    }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _publishing = true;
        await CheckAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Timers.HealthInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }
}

/// <summary>The result of a readiness check.</summary>
/// <param name="Ready">True when storage answers and a venue is up.</param>
/// <param name="Storage">"ok" or why storage failed.</param>
/// <param name="Venues">Each venue's health.</param>
public sealed record ReadinessReport(bool Ready, string Storage, IReadOnlyList<VenueReadiness> Venues);

/// <summary>One venue's health.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Status">Up, Degraded or Down.</param>
/// <param name="Detail">Why it is not up, or empty.</param>
public sealed record VenueReadiness(string Venue, string Status, string Detail);
