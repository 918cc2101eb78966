using System.Collections.Immutable;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Operators;

/// <summary>The fee collector's stored state.</summary>
public sealed record FeeCollectorState
{
    /// <summary>Totals so far.</summary>
    public FeeTotals Totals { get; init; } = FeeTotals.Zero;

    /// <summary>Revenue per (UTC day, market), bounded.</summary>
    public RevenueBook Revenue { get; init; } = new();

    /// <summary>The highest outbox sequence counted per account: credits at or below it are repeats.</summary>
    public ImmutableDictionary<string, long> LastSequence { get; init; } = ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);
}

/// <summary>Adds up the fees an operator's traders paid, each credit once, in total and per market and day.</summary>
public sealed class FeeCollectorGrain(
    [PersistentState("fees", GrainKeys.Storage)] IPersistentState<FeeCollectorState> state) : Grain, IFeeCollectorGrain
{
    /// <inheritdoc />
    public async Task<FeeTotals> CreditAsync(FeeCredit credit)
    {
        ArgumentNullException.ThrowIfNull(credit);
        var s = state.State;
        if (s.LastSequence.TryGetValue(credit.AccountKey, out var last) && credit.Sequence <= last)
        {
            return s.Totals;
        }

        var t = s.Totals;
        var totals = new FeeTotals(t.Venue + credit.Venue, t.Builder + credit.Builder, t.Platform + credit.Platform, t.Operator + credit.Operator, t.Credits + 1)
        {
            Referral = t.Referral + credit.Referral,
        };
        state.State = new FeeCollectorState
        {
            Totals = totals,
            Revenue = s.Revenue.Add(credit),
            LastSequence = s.LastSequence.SetItem(credit.AccountKey, credit.Sequence),
        };
        await state.WriteStateAsync();
        return totals;
    }

    /// <inheritdoc />
    public Task<FeeTotals> GetTotalsAsync() => Task.FromResult(state.State.Totals);

    /// <inheritdoc />
    public Task<RevenueReport> GetRevenueReportAsync(RevenueQuery query) => Task.FromResult(state.State.Revenue.Report(query));
}
