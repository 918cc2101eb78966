using System.Collections.Immutable;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Operators;

/// <summary>The fee collector's stored state: small, whatever the history (the rows live in one grain per day).</summary>
public sealed record FeeCollectorState
{
    /// <summary>Totals so far.</summary>
    public FeeTotals Totals { get; init; } = FeeTotals.Zero;

    /// <summary>The days that have revenue rows, bounded.</summary>
    public RevenueWindow Revenue { get; init; } = new();

    /// <summary>The highest outbox sequence counted per account: credits at or below it are repeats.</summary>
    public ImmutableDictionary<string, long> LastSequence { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);
}

/// <summary>Adds up the fees an operator's traders paid, each credit once, in total and per market and UTC day.</summary>
public sealed class FeeCollectorGrain(
    [PersistentState("fees", GrainKeys.Storage)] IPersistentState<FeeCollectorState> state) : Grain, IFeeCollectorGrain
{
    private string OperatorId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<FeeTotals> CreditAsync(FeeCredit credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        var s = state.State;
        if (s.LastSequence.TryGetValue(credit.AccountKey, out var last) && credit.Sequence <= last)
        {
            return s.Totals;
        }

        // the day's row first: it deduplicates on its own, so a crash before the write below repeats nothing
        var day = RevenueDay.DayOf(credit);
        var (window, dropped) = (s.Revenue, ImmutableArray<DateOnly>.Empty);
        if (s.Revenue.Keeps(day))
        {
            await GrainFactory.GetGrain<IRevenueDayGrain>(RevenueDayGrain.KeyOf(OperatorId, day)).AddAsync(credit);
            (window, dropped) = s.Revenue.Add(day);
        }

        var t = s.Totals;
        var totals = new FeeTotals(t.Venue + credit.Venue, t.Builder + credit.Builder, t.Platform + credit.Platform, t.Operator + credit.Operator, t.Credits + 1)
        {
            Referral = t.Referral + credit.Referral,
        };
        state.State = new FeeCollectorState { Totals = totals, Revenue = window, LastSequence = s.LastSequence.SetItem(credit.AccountKey, credit.Sequence) };
        await state.WriteStateAsync();
        foreach (var old in dropped)
        {
            await GrainFactory.GetGrain<IRevenueDayGrain>(RevenueDayGrain.KeyOf(OperatorId, old)).ClearAsync();
        }

        return totals;
    }

    /// <inheritdoc />
    public Task<FeeTotals> GetTotalsAsync() => Task.FromResult(state.State.Totals);

    /// <inheritdoc />
    public async Task<RevenueReport> GetRevenueReportAsync(RevenueQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var days = state.State.Revenue.Days;
        var rows = new List<RevenueRow>();
        foreach (var day in days.Where(d => (query.From is not { } from || d >= from) && (query.To is not { } to || d <= to)))
        {
            var dayRows = await GrainFactory.GetGrain<IRevenueDayGrain>(RevenueDayGrain.KeyOf(OperatorId, day)).GetRowsAsync();
            rows.AddRange(dayRows.Where(r => query.Market is not { } m || r.Market == m).OrderBy(r => r.Market.Symbol, StringComparer.Ordinal));
        }

        return new RevenueReport([.. rows], RevenueTotals.Of(rows), days.IsDefaultOrEmpty ? null : days[0]);
    }
}
