using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PerpStudio.Api.Tests.Fixtures;

/// <summary>Keeps warnings and errors the server logs, so a test can show them when it fails.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    /// <summary>What was logged at warning or above.</summary>
    public ConcurrentQueue<string> Entries { get; } = new();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Collector(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
