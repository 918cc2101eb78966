namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// Keys placed at prices on two sides, each sorted by price: longs are crossed by a mark at or below their price,
/// shorts by a mark at or above it. Finding every crossed key is a range walk from the crossed end, O(log n + k), so a
/// sweep touches only what it returns. One key has at most one entry; placing it again moves it. Not thread-safe.
/// </summary>
/// <typeparam name="TKey">What is placed (a position holder).</typeparam>
public sealed class PriceLadder<TKey>
    where TKey : notnull
{
    private readonly SortedSet<Rung> _longs = new(RungOrder.Instance);
    private readonly SortedSet<Rung> _shorts = new(RungOrder.Instance);
    private readonly Dictionary<TKey, Rung> _placed;
    private long _sequence;

    /// <summary>An empty ladder.</summary>
    /// <param name="comparer">Equality of keys, or the default.</param>
    public PriceLadder(IEqualityComparer<TKey>? comparer = null) => _placed = new Dictionary<TKey, Rung>(comparer);

    /// <summary>How many keys are placed.</summary>
    public int Count => _placed.Count;

    /// <summary>How many long entries.</summary>
    public int LongCount => _longs.Count;

    /// <summary>How many short entries.</summary>
    public int ShortCount => _shorts.Count;

    /// <summary>Places a key on a side at a price (in price units), replacing where it was.</summary>
    /// <param name="key">The key.</param>
    /// <param name="sign">+1 long, -1 short.</param>
    /// <param name="price">Price units; a long is crossed by marks at or below it, a short by marks at or above it.</param>
    public void Place(TKey key, int sign, long price)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sign);
        Remove(key);
        var rung = new Rung(price, ++_sequence, sign > 0, key);
        _placed[key] = rung;
        (rung.Long ? _longs : _shorts).Add(rung);
    }

    /// <summary>Removes a key; false when it was not placed.</summary>
    public bool Remove(TKey key)
    {
        if (!_placed.Remove(key, out var rung))
        {
            return false;
        }

        (rung.Long ? _longs : _shorts).Remove(rung);
        return true;
    }

    /// <summary>Where a key is placed, if it is.</summary>
    public bool TryGet(TKey key, out int sign, out long price)
    {
        var found = _placed.TryGetValue(key, out var rung);
        sign = found ? (rung.Long ? 1 : -1) : 0;
        price = found ? rung.Price : 0;
        return found;
    }

    /// <summary>
    /// Adds every key crossed by <paramref name="mark"/> to <paramref name="into"/>: longs priced at or above it (highest
    /// first, the deepest underwater), then shorts priced at or below it (lowest first). Returns how many were added.
    /// </summary>
    public int Crossed(long mark, ICollection<TKey> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var added = 0;
        if (_longs.Count > 0 && _longs.Max.Price >= mark)
        {
            foreach (var rung in _longs.GetViewBetween(new Rung(mark, long.MinValue, true, default!), _longs.Max).Reverse())
            {
                into.Add(rung.Key);
                added++;
            }
        }

        if (_shorts.Count > 0 && _shorts.Min.Price <= mark)
        {
            foreach (var rung in _shorts.GetViewBetween(_shorts.Min, new Rung(mark, long.MaxValue, false, default!)))
            {
                into.Add(rung.Key);
                added++;
            }
        }

        return added;
    }

    private readonly record struct Rung(long Price, long Sequence, bool Long, TKey Key);

    private sealed class RungOrder : IComparer<Rung>
    {
        public static readonly RungOrder Instance = new();

        public int Compare(Rung x, Rung y)
        {
            var c = x.Price.CompareTo(y.Price);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
