using System.Collections.Immutable;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Funding;

/// <summary>A market's stored funding state.</summary>
public sealed record FundingState
{
    /// <summary>The last hour fully settled.</summary>
    public DateTimeOffset? LastSettled { get; init; }

    /// <summary>The hour begun (price and rate fixed) but not finished.</summary>
    public FundingSettlement? InProgress { get; init; }

    /// <summary>Recent settlements, oldest first.</summary>
    public ImmutableList<FundingSettlement> History { get; init; } = [];
}

/// <summary>
/// Settles a market's funding hour by hour (see <see cref="IFundingGrain"/>). The hour's oracle price and rate are
/// stored before the first charge, so a resumed hour charges the rest exactly as the first part was charged; the
/// amounts are the Domain's (<see cref="Domain.Margin.FundingModel"/>), applied by the holders' grains.
/// </summary>
public sealed class FundingGrain(
    [PersistentState("funding", GrainKeys.Storage)] IPersistentState<FundingState> state,
    PositionRegistryFlusher registry,
    RiskInstruments instruments) : Grain, IFundingGrain
{
    private const int HistoryKept = 48;

    /// <summary>The most hours one call catches up (a longer outage is settled over several calls).</summary>
    private const int CatchUpLimit = 24;

    private MarketId Market => new(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<ImmutableArray<FundingSettlement>> SettleDueAsync(DateTimeOffset now)
    {
        var settled = ImmutableArray.CreateBuilder<FundingSettlement>();
        if (state.State.InProgress is { } resumed)
        {
            settled.Add(await SettleAsync(resumed));
        }

        var latest = FundingHours.Floor(now);
        var hour = state.State.LastSettled is { } last ? last + FundingHours.Interval : latest;
        for (var n = 0; hour <= latest && n < CatchUpLimit; n++, hour += FundingHours.Interval)
        {
            var snapshot = await GrainFactory.GetGrain<IMarketGrain>(Market.Symbol).GetSnapshotAsync();
            if (!snapshot.Oracle.IsPositive)
            {
                break; // no price yet: the hour stays due and is settled once there is one
            }

            var begun = new FundingSettlement(FundingHours.Id(Market, hour), Market, hour, snapshot.Oracle, snapshot.FundingRate, 0, Money.Zero, Money.Zero);
            state.State = state.State with { InProgress = begun };
            await state.WriteStateAsync();
            settled.Add(await SettleAsync(begun));
        }

        return settled.ToImmutable();
    }

    /// <inheritdoc />
    public Task<FundingStatus> GetStatusAsync() =>
        Task.FromResult(new FundingStatus(state.State.LastSettled, state.State.InProgress, [.. state.State.History]));

    private async Task<FundingSettlement> SettleAsync(FundingSettlement hour)
    {
        await registry.FlushAsync();
        var holders = await GrainFactory.GetGrain<IPositionRegistryGrain>(Market.Symbol).GetHoldersAsync();
        var charge = new FundingCharge(hour.FundingId, Market, hour.OraclePrice, hour.Rate, hour.Hour);
        var charged = 0;
        var received = Money.Zero;
        var paid = Money.Zero;
        foreach (var holder in holders)
        {
            var result = holder.Mode == MarginMode.Cross
                ? await GrainFactory.GetGrain<IAccountGrain>(holder.AccountKey).ApplyFundingAsync(charge)
                : await GrainFactory.GetGrain<IIsolatedPositionGrain>(GrainKeys.Isolated(holder.AccountKey, Market)).ApplyFundingAsync(charge);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"funding {charge.FundingId} was refused by {holder}: {result.Error}");
            }

            var receipt = result.Value;
            if (receipt.PositionSize.IsZero)
            {
                continue;
            }

            charged++;
            received += Money.Max(Money.Zero, receipt.Amount);
            paid += Money.Max(Money.Zero, -receipt.Amount);
            if (!receipt.Duplicate)
            {
                instruments.FundingCharged.Add(1, new KeyValuePair<string, object?>("market", Market.Symbol));
            }
        }

        var done = hour with { Charged = charged, ReceivedByTraders = received, PaidByTraders = paid };
        var history = state.State.History.Add(done);
        state.State = new FundingState
        {
            LastSettled = hour.Hour,
            InProgress = null,
            History = history.Count > HistoryKept ? history.RemoveRange(0, history.Count - HistoryKept) : history,
        };
        await state.WriteStateAsync();
        return done;
    }
}
