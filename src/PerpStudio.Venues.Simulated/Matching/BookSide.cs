namespace PerpStudio.Venues.Simulated.Matching;

/// <summary>
/// One side of a book: levels by integer tick in a dictionary, and the active ticks in an array sorted so that the
/// best level is last (bids ascending, asks descending): taking the best level and emptying it are O(1).
/// </summary>
internal sealed class BookSide
{
    private readonly Dictionary<long, PriceLevel> _levels = new(256);
    private readonly Stack<PriceLevel> _pool = new();
    private readonly bool _isBid;
    private long[] _ticks = new long[256];
    private int _count;

    internal BookSide(bool isBid) => _isBid = isBid;

    internal int LevelCount => _count;

    /// <summary>The best level, or null when the side is empty.</summary>
    internal PriceLevel? Best => _count == 0 ? null : _levels[_ticks[_count - 1]];

    /// <summary>The level at <paramref name="ticks"/>, created (and placed in order) when absent.</summary>
    internal PriceLevel GetOrAdd(long ticks)
    {
        if (_levels.TryGetValue(ticks, out var level))
        {
            return level;
        }

        level = _pool.Count > 0 ? _pool.Pop() : new PriceLevel();
        level.Ticks = ticks;
        _levels.Add(ticks, level);
        var index = InsertionIndex(ticks);
        if (_count == _ticks.Length)
        {
            Array.Resize(ref _ticks, _ticks.Length * 2);
        }

        if (index < _count)
        {
            Array.Copy(_ticks, index, _ticks, index + 1, _count - index);
        }

        _ticks[index] = ticks;
        _count++;
        return level;
    }

    /// <summary>Removes an empty level.</summary>
    internal void Remove(PriceLevel level)
    {
        _levels.Remove(level.Ticks);
        if (_ticks[_count - 1] == level.Ticks)
        {
            _count--;
        }
        else
        {
            var index = IndexOf(level.Ticks);
            Array.Copy(_ticks, index + 1, _ticks, index, _count - index - 1);
            _count--;
        }

        level.Head = null;
        level.Tail = null;
        level.Total = 0;
        level.Count = 0;
        _pool.Push(level);
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length levels, best first; returns how many.</summary>
    internal int CopyLevels(Span<LevelView> destination)
    {
        var n = Math.Min(destination.Length, _count);
        for (var i = 0; i < n; i++)
        {
            var level = _levels[_ticks[_count - 1 - i]];
            destination[i] = new LevelView(level.Ticks, level.Total, level.Count);
        }

        return n;
    }

    // Sorted so that the best is last: bids ascending, asks descending.
    private bool Before(long a, long b) => _isBid ? a < b : a > b;

    private int InsertionIndex(long ticks)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Before(_ticks[mid], ticks))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int IndexOf(long ticks)
    {
        var index = InsertionIndex(ticks);
        return index < _count && _ticks[index] == ticks
            ? index
            : throw new InvalidOperationException($"level {ticks} is not on the book");
    }
}
