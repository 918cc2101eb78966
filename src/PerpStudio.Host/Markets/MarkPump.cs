using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerpStudio.Domain.Markets;
using PerpStudio.Grains.Markets;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Host.Markets;

/// <summary>
/// Lists every venue market in its market grain at start, then has the grains' <see cref="VenuePriceFeed"/> report
/// each venue's prices on a timer (the market grains aggregate the venues into one mark). The first round runs during
/// startup, so the markets have marks before the first order.
/// </summary>
public sealed partial class MarkPump(VenueFleet fleet, IGrainFactory grains, PlatformOptions options, TimeProvider time, ILogger<MarkPump> logger)
    : BackgroundService
{
    private readonly List<MarketId> _markets = [];
    private VenuePriceFeed? _feed;
    private long _rounds;

    /// <summary>How many rounds have completed (each reads every market of every venue).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>The markets listed.</summary>
    public IReadOnlyCollection<MarketId> Markets => _markets;

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var venues = fleet.MarketDataVenues();
        await ListMarketsAsync(venues, cancellationToken);
        _feed = new VenuePriceFeed(venues, grains);
        await PumpOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Reads every market of every venue once.</summary>
    public async Task PumpOnceAsync(CancellationToken cancellationToken)
    {
        await (_feed ?? throw new InvalidOperationException("the pump has not started")).PollOnceAsync(_markets, cancellationToken);
        Interlocked.Increment(ref _rounds);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Timers.MarkInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PumpOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // one failed round must not stop the marks: the next tick tries again
                    LogRoundFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    private async Task ListMarketsAsync(IReadOnlyList<IVenue> venues, CancellationToken cancellationToken)
    {
        // one fresh venue is enough for a mark here: the embedded venues cannot be manipulated, and a minimum of two
        // would stop trading whenever one of them is down
        var settings = MarketPriceSettings.Default with { StaleAfter = options.Timers.MarkInterval * 30, MinSources = 1 };
        foreach (var venue in venues)
        {
            IReadOnlyList<VenueMarket> markets;
            try
            {
                markets = await venue.GetMarketsAsync(cancellationToken);
            }
            catch (VenueUnavailableException ex)
            {
                LogVenueDown(logger, venue.Id.Value, ex.Message);
                continue;
            }

            foreach (var market in markets.Where(m => !_markets.Contains(m.Id)))
            {
                var listed = await grains.GetGrain<IMarketFeedGrain>(market.Id.Symbol).ListAsync(new MarketListing(market.Spec, settings));
                if (listed.IsSuccess)
                {
                    _markets.Add(market.Id);
                }
                else
                {
                    LogListingRefused(logger, market.Id.Symbol, listed.Error.ToString());
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Venue {Venue} listed no markets: {Reason}")]
    private static partial void LogVenueDown(ILogger logger, string venue, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of marks failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Market {Market} could not be listed: {Error}")]
    private static partial void LogListingRefused(ILogger logger, string market, string error);
}
