namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>
/// The fill ids already delivered, so that a fill seen on the stream, in a snapshot and again in recovered history
/// is delivered once. Bounded: the oldest ids are forgotten past <see cref="Capacity"/>, far beyond any overlap.
/// </summary>
public sealed class FillLedger
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();
    private long _latestTime;

    /// <summary>Creates a ledger remembering up to <paramref name="capacity"/> ids.</summary>
    public FillLedger(int capacity = 100_000) => Capacity = capacity;

    /// <summary>How many ids are remembered.</summary>
    public int Capacity { get; }

    /// <summary>The latest fill time seen (ms), or 0.</summary>
    public long LatestTime
    {
        get
        {
            lock (_lock)
            {
                return _latestTime;
            }
        }
    }

    /// <summary>Records a fill id; true the first time it is seen.</summary>
    public bool TryRecord(string fillId, long time)
    {
        lock (_lock)
        {
            _latestTime = Math.Max(_latestTime, time);
            if (!_seen.Add(fillId))
            {
                return false;
            }

            _order.Enqueue(fillId);
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
