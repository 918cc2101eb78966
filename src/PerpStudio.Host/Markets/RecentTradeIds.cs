namespace PerpStudio.Host.Markets;

/// <summary>
/// The last trade ids seen from one venue feed, bounded: a feed that resubscribes after a drop may repeat trades,
/// and the tape must print each once.
/// </summary>
/// <param name="capacity">How many ids are remembered; the oldest is forgotten first.</param>
public sealed class RecentTradeIds(int capacity = 4096)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True the first time <paramref name="tradeId"/> is added while it is remembered; false for a repeat.</summary>
    public bool Add(string tradeId)
    {
        if (!_seen.Add(tradeId))
        {
            return false;
        }

        _order.Enqueue(tradeId);
        if (_order.Count > capacity)
        {
            _seen.Remove(_order.Dequeue());
        }

        return true;
    }
}
