using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerpStudio.Grains.Funding;
using PerpStudio.Runtime;

namespace PerpStudio.Host.Markets;

/// <summary>
/// Reads each listed market's settled funding hours from its <see cref="IFundingGrain"/> at start and then on every
/// interval, and prints the new ones on the tape. Reading the grain (not the local scheduler) lets every member of a
/// cluster show the same history, whichever member ran the settlement, and a restarted process shows it again.
/// </summary>
public sealed partial class FundingTapeFeed(MarkPump marks, IGrainFactory grains, FundingTape funding, TimeProvider time, ILogger<FundingTapeFeed> logger)
    : BackgroundService
{
    /// <summary>How often the grains are read.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads every market's settlements once; returns how many were new.</summary>
    public async Task<int> ReadOnceAsync()
    {
        var added = 0;
        foreach (var market in marks.Markets.ToList())
        {
            var status = await grains.GetGrain<IFundingGrain>(market.Symbol).GetStatusAsync();
            added += funding.Record(status.History);
        }

        return added;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            do
            {
                try
                {
                    await ReadOnceAsync();
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
                {
                    // the next interval reads again: nothing is lost, the grains keep the history
                    LogReadFailed(logger, ex);
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the funding history for the tape failed")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
