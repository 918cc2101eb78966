using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;
using PerpStudio.Venues.Routing.Reconciliation;

namespace PerpStudio.Grains.Routing;

/// <summary>
/// The fill book grain. Applying a fill writes its bucket (the fills of its market and UTC hour) first and the hot record
/// (positions and per-bucket applied counts) second: a process that dies between the two leaves a bucket whose extra
/// fill is ignored on the next activation, so a fill handed over again is applied exactly once.
/// </summary>
public sealed class VenueFillBookGrain(
    [PersistentState("fills", Abstractions.GrainKeys.Storage)] IPersistentState<VenueFillBookState> state,
    PersistentStateFactory records) : Grain, IVenueFillBookGrain
{
    /// <summary>
    /// How long applied fills are kept, counted back from the newest: longer than the fill feed's recovery lookback and
    /// reconciliation's fill window (one day), the only ways an applied fill can be handed over again.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private VenueFillBuckets? _buckets;

    private VenueFillBuckets Buckets => _buckets ??= new VenueFillBuckets(records, this.GetGrainId(), Abstractions.GrainKeys.Storage);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Buckets.LoadAsync(state.State.Buckets);
        if (!state.State.Recent.IsEmpty)
        {
            await MoveRecentIntoBucketsAsync();
        }
    }

    /// <inheritdoc />
    public async Task<bool> ApplyAsync(AppliedFill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var current = state.State;
        if (Buckets.AppliedAt(fill.FillId) is { } appliedAt && appliedAt >= CutoffOf(current.Newest))
        {
            return false;
        }

        var symbol = fill.Market.Symbol;
        var newest = current.Newest is { } n && n > fill.Time ? n : fill.Time;
        var cutoff = CutoffOf(newest);
        var marks = current.Buckets;
        var kept = fill.Time >= cutoff;
        var stored = false;
        try
        {
            if (kept)
            {
                // a fill already older than the retention counts in its position but is not kept, as before buckets
                var hour = FillBucketMark.HourOf(fill.Time);
                var mark = marks.Find(m => m.Market == symbol && m.Hour == hour);
                await Buckets.WriteAsync(FillBucketMark.NameOf(symbol, hour), mark?.Count ?? 0, [fill]);
                marks = mark is null ? marks.Add(new FillBucketMark(symbol, hour, 1)) : marks.Replace(mark, mark with { Count = mark.Count + 1 });
            }

            var expired = marks.Where(m => m.Hour + Hour <= cutoff).ToArray();
            state.State = new VenueFillBookState
            {
                Positions = current.Positions.SetItem(symbol, current.Positions.GetValueOrDefault(symbol, Quantity.Zero) + fill.SignedSize),
                Buckets = marks.RemoveRange(expired),
                Newest = newest,
            };
            await state.WriteStateAsync();
            stored = true;
            if (kept)
            {
                Buckets.Index([fill]);
            }

            foreach (var mark in expired)
            {
                await Buckets.DropAsync(mark);
            }
        }
        catch
        {
            // until the hot record is stored the fill is not applied (its bucket's extra fill is ignored); whatever the
            // store really kept, the next activation reads it back
            if (!stored)
            {
                state.State = current;
            }

            DeactivateOnIdle();
            throw;
        }

        return true;
    }

    /// <inheritdoc />
    public Task<Quantity> GetPositionAsync(MarketId market) => Task.FromResult(state.State.Positions.GetValueOrDefault(market.Symbol, Quantity.Zero));

    /// <inheritdoc />
    public Task<ImmutableArray<MarketId>> GetMarketsAsync() =>
        Task.FromResult(state.State.Positions.Keys.Select(s => new MarketId(s)).ToImmutableArray());

    /// <inheritdoc />
    public async Task<ImmutableArray<AppliedFill>> GetFillsAsync(MarketId market, DateTimeOffset since)
    {
        var cutoff = CutoffOf(state.State.Newest);
        var from = since > cutoff ? since : cutoff;
        var fills = new List<AppliedFill>();
        foreach (var mark in state.State.Buckets.Where(m => m.Market == market.Symbol && m.Hour + Hour > from).OrderBy(m => m.Hour))
        {
            fills.AddRange((await Buckets.FillsAsync(mark)).Where(f => f.Time >= from));
        }

        // stable: fills of one instant stay in the order they were applied
        return [.. fills.OrderBy(f => f.Time)];
    }

    private static DateTimeOffset CutoffOf(DateTimeOffset? newest) => newest is { } n ? n - Retention : DateTimeOffset.MinValue;

    /// <summary>Moves the fills an earlier version kept in the hot record into buckets: buckets first, then the record.</summary>
    private async Task MoveRecentIntoBucketsAsync()
    {
        var current = state.State;
        var newest = current.Newest is { } n && n > current.Recent.Max(f => f.Time) ? n : current.Recent.Max(f => f.Time);
        var marks = current.Buckets;
        var groups = current.Recent.GroupBy(f => (f.Market.Symbol, Hour: FillBucketMark.HourOf(f.Time))).ToArray();
        foreach (var group in groups)
        {
            var mark = marks.Find(m => m.Market == group.Key.Symbol && m.Hour == group.Key.Hour);
            var added = group.ToArray();
            await Buckets.WriteAsync(FillBucketMark.NameOf(group.Key.Symbol, group.Key.Hour), mark?.Count ?? 0, added);
            marks = mark is null
                ? marks.Add(new FillBucketMark(group.Key.Symbol, group.Key.Hour, added.Length))
                : marks.Replace(mark, mark with { Count = mark.Count + added.Length });
        }

        state.State = current with { Buckets = marks, Newest = newest, Recent = [] };
        await state.WriteStateAsync();
        Buckets.Index(current.Recent);
    }
}
