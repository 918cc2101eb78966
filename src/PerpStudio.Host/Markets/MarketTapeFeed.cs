using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerpStudio.Api.MarketData;
using PerpStudio.Host.Venues;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Host.Markets;

/// <summary>
/// Feeds the <see cref="MarketTape"/> with the public trades of every market of every venue that has the feed
/// (<see cref="VenueCapabilities.PublicTrades"/>): one follower per venue and market, which resubscribes after the
/// feed ends and prints each trade id once. The tape keeps trades per market, whoever offers it; the API shows an
/// operator only the markets it offers.
/// </summary>
public sealed partial class MarketTapeFeed(VenueFleet fleet, MarketTape tape, TimeProvider time, ILogger<MarketTapeFeed> logger) : BackgroundService
{
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _recorded;

    /// <summary>How long a follower waits before subscribing again after its feed ended or failed.</summary>
    public TimeSpan ResubscribeDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Completes when every follower has made its first subscription (or given up on it).</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Trades recorded so far.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var followers = new List<Task>();
        var firstSubscriptions = new List<Task>();
        foreach (var venue in fleet.MarketDataVenues().Where(v => v.Capabilities.PublicTrades))
        {
            IReadOnlyList<VenueMarket> markets;
            try
            {
                markets = await venue.GetMarketsAsync(stoppingToken);
            }
            catch (VenueUnavailableException ex)
            {
                LogVenueDown(logger, venue.Id.Value, ex.Message);
                continue;
            }

            foreach (var market in markets)
            {
                var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                firstSubscriptions.Add(first.Task);
                followers.Add(FollowAsync(venue, market, first, stoppingToken));
            }
        }

        await Task.WhenAll(firstSubscriptions);
        _subscribed.TrySetResult();
        await Task.WhenAll(followers);
    }

    private async Task FollowAsync(IVenue venue, VenueMarket market, TaskCompletionSource first, CancellationToken stoppingToken)
    {
        var seen = new RecentTradeIds();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var subscribed = await venue.SubscribeTradesAsync(market.Id, stoppingToken);
                    if (!subscribed.IsSuccess)
                    {
                        // a refusal (unsupported, unknown market) will not change by asking again
                        LogRefused(logger, venue.Id.Value, market.Id.Symbol, subscribed.Error.ToString());
                        return;
                    }

                    await using var feed = subscribed.Value;
                    first.TrySetResult();
                    await foreach (var trade in feed.Reader.ReadAllAsync(stoppingToken))
                    {
                        if (seen.Add(trade.TradeId))
                        {
                            tape.RecordTrade(new MarketTrade(trade.Market, trade.Price, trade.Size, trade.TakerSide, trade.Time, venue.Id.Value));
                            Interlocked.Increment(ref _recorded);
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // whatever ended this feed (a dropped socket, a venue error), the tape keeps following the market
                    LogFeedEnded(logger, venue.Id.Value, market.Id.Symbol, ex.Message);
                }

                first.TrySetResult();
                await Task.Delay(ResubscribeDelay, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
        finally
        {
            first.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Venue {Venue} listed no markets for the tape: {Reason}")]
    private static partial void LogVenueDown(ILogger logger, string venue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Venue {Venue} refused the trades of {Market}: {Error}")]
    private static partial void LogRefused(ILogger logger, string venue, string market, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The trades feed of {Market} at {Venue} ended ({Reason}); subscribing again")]
    private static partial void LogFeedEnded(ILogger logger, string venue, string market, string reason);
}
