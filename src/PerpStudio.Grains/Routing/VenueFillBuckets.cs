using System.Collections.Immutable;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// The fill book's buckets: each market-hour's applied fills in its own stored record of the fill book grain (state name
/// from <see cref="FillBucketMark.StateName"/>). The hot record's marks say how many fills of each bucket are applied; a
/// bucket's fills beyond that count were written by an activation that died before its hot record was, and are ignored
/// (the next write of that bucket replaces them). Every fill id of the live buckets is indexed once per activation, so
/// "was this fill applied" is answered in memory; bucket records themselves are kept in a small cache.
/// </summary>
/// <param name="states">Binds bucket records to the grain's storage.</param>
/// <param name="grain">The fill book grain.</param>
/// <param name="storageName">The storage the grain's state lives in.</param>
internal sealed class VenueFillBuckets(PersistentStateFactory states, GrainId grain, string storageName)
{
    /// <summary>Bucket records kept in memory: the current hour of every busy market fits with room to spare.</summary>
    public const int CacheCapacity = 64;

    private readonly Dictionary<string, CachedBucket> _cache = new(StringComparer.Ordinal);

    // fill id -> the time of the fill applied under it (the newest, should a venue reuse an id after the retention)
    private readonly Dictionary<VenueFillId, DateTimeOffset> _applied = [];
    private long _uses;

    /// <summary>Reads every bucket the marks name (a batch at a time, so a remote store pipelines them) and indexes its applied fills.</summary>
    public async Task LoadAsync(IReadOnlyList<FillBucketMark> marks)
    {
        const int batch = 64;
        for (var first = 0; first < marks.Count; first += batch)
        {
            var chunk = marks.Skip(first).Take(batch).ToArray();
            var fills = await Task.WhenAll(chunk.Select(FillsAsync));
            foreach (var applied in fills)
            {
                Index(applied);
            }
        }
    }

    /// <summary>The time of the applied fill with this id, or null when none is indexed.</summary>
    public DateTimeOffset? AppliedAt(VenueFillId fillId) => _applied.TryGetValue(fillId, out var time) ? time : null;

    /// <summary>The applied fills of a bucket in the order they were applied: the first <see cref="FillBucketMark.Count"/> stored.</summary>
    /// <exception cref="InvalidOperationException">The record holds fewer fills than the hot record says were applied.</exception>
    public async Task<ImmutableArray<AppliedFill>> FillsAsync(FillBucketMark mark)
    {
        var record = await RecordAsync(mark.StateName());
        var stored = record.State.Fills;
        return stored.Length >= mark.Count
            ? stored[..mark.Count]
            : throw new InvalidOperationException(
                $"fill bucket {mark.StateName()} of {grain} holds {stored.Length} fills but the fill book applied {mark.Count} from it");
    }

    /// <summary>
    /// Stores the bucket as its <paramref name="applied"/> fills plus <paramref name="added"/>, replacing whatever an earlier
    /// activation left beyond them. The caller writes the hot record after, then <see cref="Index"/>es the added fills.
    /// </summary>
    /// <param name="stateName">The bucket's state name.</param>
    /// <param name="applied">How many of its stored fills are applied (0 for a bucket the hot record does not name).</param>
    /// <param name="added">The fills to append.</param>
    public async Task WriteAsync(string stateName, int applied, IEnumerable<AppliedFill> added)
    {
        // a record read first carries its ETag: a bucket left by a crashed activation is simply replaced
        var record = await RecordAsync(stateName);
        var stored = record.State.Fills;
        record.State = new VenueFillBucket { Fills = stored[..Math.Min(applied, stored.Length)].AddRange(added) };
        await record.WriteStateAsync();
    }

    /// <summary>Marks fills as applied, once their hot record is stored.</summary>
    public void Index(IEnumerable<AppliedFill> fills)
    {
        foreach (var fill in fills)
        {
            if (!_applied.TryGetValue(fill.FillId, out var time) || time < fill.Time)
            {
                _applied[fill.FillId] = fill.Time;
            }
        }
    }

    /// <summary>Forgets a bucket the hot record no longer names and deletes its record.</summary>
    public async Task DropAsync(FillBucketMark mark)
    {
        var record = await RecordAsync(mark.StateName());
        foreach (var fill in record.State.Fills.Take(mark.Count))
        {
            if (_applied.TryGetValue(fill.FillId, out var time) && time == fill.Time)
            {
                _applied.Remove(fill.FillId);
            }
        }

        _cache.Remove(mark.StateName());
        if (record.RecordExists)
        {
            await record.ClearStateAsync();
        }
    }

    private async Task<IPersistentState<VenueFillBucket>> RecordAsync(string stateName)
    {
        if (_cache.TryGetValue(stateName, out var cached))
        {
            cached.LastUse = ++_uses;
            return cached.Record;
        }

        var record = states.Create<VenueFillBucket>(grain, stateName, storageName);
        await record.ReadStateAsync();
        if (!_cache.ContainsKey(stateName))
        {
            _cache[stateName] = new CachedBucket(record) { LastUse = ++_uses };
            if (_cache.Count > CacheCapacity)
            {
                _cache.Remove(_cache.MinBy(c => c.Value.LastUse).Key);
            }
        }

        return record;
    }

    private sealed class CachedBucket(IPersistentState<VenueFillBucket> record)
    {
        public IPersistentState<VenueFillBucket> Record { get; } = record;

        public long LastUse { get; set; }
    }
}

/// <summary>One stored bucket of the fill book: fills of one market executed in one UTC hour.</summary>
public sealed record VenueFillBucket
{
    /// <summary>The fills in the order they were applied; only the first <see cref="FillBucketMark.Count"/> are.</summary>
    public ImmutableArray<AppliedFill> Fills { get; init; } = [];
}

/// <summary>The hot record's mark of a live bucket.</summary>
/// <param name="Market">The market symbol.</param>
/// <param name="Hour">The UTC hour the bucket's fills were executed in (its start).</param>
/// <param name="Count">How many of the bucket's stored fills are applied.</param>
public sealed record FillBucketMark(string Market, DateTimeOffset Hour, int Count)
{
    /// <summary>The bucket's state name within the fill book grain.</summary>
    public string StateName() => NameOf(Market, Hour);

    /// <summary>The state name of the bucket of <paramref name="market"/> and <paramref name="hour"/>.</summary>
    public static string NameOf(string market, DateTimeOffset hour) => $"fills-{market}-{hour.UtcDateTime:yyyyMMddHH}";

    /// <summary>The start of the UTC hour <paramref name="time"/> falls in.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
