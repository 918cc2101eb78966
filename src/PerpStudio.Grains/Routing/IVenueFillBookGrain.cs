using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// What the platform holds at one operator's venue account (key: <see cref="RoutingGrainKeys.Checkpoint"/>'s shape,
/// <c>operator/venue</c>): the signed position per market summed over every fill applied once, and the recent fills that
/// explain a difference with the venue. Every member's fill feed writes here, so reconciliation on any member compares
/// the venue with the whole platform, and a restart forgets nothing.
/// </summary>
public interface IVenueFillBookGrain : IGrainWithStringKey
{
    /// <summary>Adds a fill to its market's position once; false when the fill id was applied before.</summary>
    Task<bool> ApplyAsync(AppliedFill fill);

    /// <summary>The signed position in <paramref name="market"/>.</summary>
    Task<Quantity> GetPositionAsync(MarketId market);

    /// <summary>The markets in which anything was held.</summary>
    Task<ImmutableArray<MarketId>> GetMarketsAsync();

    /// <summary>The applied fills of <paramref name="market"/> executed at or after <paramref name="since"/> (within the retention).</summary>
    Task<ImmutableArray<AppliedFill>> GetFillsAsync(MarketId market, DateTimeOffset since);
}

/// <summary>
/// The fill book's hot record: positions, the newest fill time and a mark per live bucket. The fills themselves are in
/// bucket records (<see cref="VenueFillBucket"/>), so an apply rewrites one market-hour and this small record.
/// </summary>
public sealed record VenueFillBookState
{
    /// <summary>The signed position per market symbol.</summary>
    public ImmutableSortedDictionary<string, Quantity> Positions { get; init; } = ImmutableSortedDictionary.Create<string, Quantity>(StringComparer.Ordinal);

    /// <summary>The live buckets and how many fills each has applied.</summary>
    public ImmutableList<FillBucketMark> Buckets { get; init; } = [];

    /// <summary>The execution time of the newest fill applied; the retention counts back from it.</summary>
    public DateTimeOffset? Newest { get; init; }

    /// <summary>Fills an earlier version kept in this record, oldest first; moved into buckets on activation.</summary>
    public ImmutableList<AppliedFill> Recent { get; init; } = [];
}
