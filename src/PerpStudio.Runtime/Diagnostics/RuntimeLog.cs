using Microsoft.Extensions.Logging;

namespace PerpStudio.Runtime.Diagnostics;

/// <summary>The runtime's log messages.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Error, "Timer tick of {GrainId} failed; the timer goes on")]
    public static partial void TimerTickFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(2, LogLevel.Error, "OnDeactivateAsync of {GrainId} failed; the activation is dropped anyway")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(3, LogLevel.Warning, "Activation of {GrainId} failed; queued calls get the error")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(4, LogLevel.Warning, "{GrainId} lost a write race (stale ETag); deactivating so the next call reloads its state")]
    public static partial void StaleStateDeactivation(ILogger logger, GrainId grainId);
}
