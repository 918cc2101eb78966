using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerpStudio.Grains.Funding;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Host.Configuration;
using PerpStudio.Runtime;

namespace PerpStudio.Host.Markets;

/// <summary>
/// Runs the grains' risk work outside grain turns: the hourly funding scheduler over the listed markets, and the
/// liquidation engine (its index rebuilt from the position registry at start, then a sweep on every interval).
/// </summary>
public sealed partial class RiskTimers(MarkPump marks, LiquidationEngine liquidation, IGrainFactory grains, PlatformOptions options, TimeProvider time, ILogger<RiskTimers> logger)
    : BackgroundService
{
    private FundingScheduler? _funding;

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await liquidation.RebuildAsync(marks.Markets);
        _funding = new FundingScheduler(grains, time, () => marks.Markets);
        _funding.Start();
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _funding?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Timers.LiquidationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await liquidation.SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // a failed sweep is retried at the next tick; stopping the host would stop every liquidation
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _funding?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A liquidation sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
