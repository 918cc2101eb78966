namespace PerpStudio.Venues.Hyperliquid.Nonces;

/// <summary>
/// Keeps the highest nonce a signer may have used, so that a restarted process never signs with a nonce it already
/// spent. One store per signing key.
/// </summary>
public interface INonceStore
{
    /// <summary>The stored high-water mark, or null when nothing was ever stored.</summary>
    long? Load();

    /// <summary>Durably stores a new high-water mark (never lower than the last one).</summary>
    void Save(long highWaterMark);
}

/// <summary>A store that lives as long as the process: for tests and for keys that are never reused after a restart.</summary>
public sealed class InMemoryNonceStore : INonceStore
{
    private readonly Lock _lock = new();
    private long? _value;

    /// <inheritdoc />
    public long? Load()
    {
        lock (_lock)
        {
            return _value;
        }
    }

    /// <inheritdoc />
    public void Save(long highWaterMark)
    {
        lock (_lock)
        {
            _value = Math.Max(_value ?? long.MinValue, highWaterMark);
        }
    }
}
