using StackExchange.Redis;

namespace PerpStudio.Host.Health;

/// <summary>Answers whether grain storage is reachable: always for memory, a PING for Redis.</summary>
public sealed class StorageProbe(ConnectionMultiplexer? redis) : IDisposable
{
    /// <summary>Null when storage answers, else why not.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return null;
        }

        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return $"redis does not answer: {ex.Message}";
        }
    }

    /// <inheritdoc />
    public void Dispose() => redis?.Dispose();
}
