using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PerpStudio.Host.Routing;

/// <summary>
/// Links, at start, every operator recorded as linked: a member that starts (or restarts) reads the fills of every
/// operator's venue accounts and can route their orders before any of them trades through it.
/// </summary>
public sealed partial class OperatorLinksAtStart(OperatorVenueLinks links, ILogger<OperatorLinksAtStart> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await links.LinkRecordedAsync();
        LogLinked(logger, count);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} recorded operator(s) linked to this member's venues")]
    private static partial void LogLinked(ILogger logger, int count);
}
