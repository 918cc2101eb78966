using System.Collections.Concurrent;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Insurance;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// The liquidation sweeper: a plain service outside any grain turn (accounts never call it, so no call cycle can form).
/// Each sweep takes the index's candidates per market, has the holder re-check itself with the Domain's liquidation
/// test (its risk view), and for a liquidatable one:
/// <list type="bullet">
/// <item>equity in scope at or above zero, or bad debt the operator's fund can cover: a reduce-only market order through
/// the account's venue path (<see cref="IAccountGrain.ClosePositionAsync"/>), the whole position or, above
/// <see cref="LiquidationPolicy.PartialAbove"/>, one step; the next sweep re-checks. What is left after a full close
/// stays with the trader (Hyperliquid's book liquidation); an isolated position's loss beyond its margin goes to the
/// fund as bad debt, never to the account; a cross account left negative with no position is made whole by the fund;</item>
/// <item>bad debt beyond the fund: auto-deleveraging (<see cref="AutoDeleverager"/>).</item>
/// </list>
/// </summary>
public sealed class LiquidationEngine(
    LiquidationBook book,
    IGrainFactory grains,
    PositionRegistryFlusher registry,
    RiskInstruments instruments,
    LiquidationPolicy policy)
{
    private readonly ConcurrentDictionary<string, byte> _watchedCross = new(StringComparer.Ordinal);
    private readonly AutoDeleverager _deleverager = new(grains, registry, instruments);

    /// <summary>One sweep over every market the index knows.</summary>
    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken = default)
    {
        await registry.FlushAsync();
        int candidates = 0, cleared = 0, steps = 0, deleveraged = 0;
        var refusals = new List<string>();
        foreach (var market in book.Markets)
        {
            var found = new List<PositionHolder>();
            book.Candidates(market, found);
            foreach (var holder in found.Distinct())
            {
                cancellationToken.ThrowIfCancellationRequested();
                candidates++;
                var (outcome, detail) = await LiquidateAsync(market, holder);
                cleared += outcome == StepOutcome.Cleared ? 1 : 0;
                steps += outcome == StepOutcome.Ordered ? 1 : 0;
                deleveraged += outcome == StepOutcome.Deleveraged ? detail.Winners : 0;
                if (detail.Refusal is { } refusal)
                {
                    refusals.Add($"{holder} in {market}: {refusal}");
                }
            }
        }

        var covered = await CoverShortfallsAsync();
        return new SweepReport(candidates, cleared, steps, deleveraged, covered, refusals);
    }

    /// <summary>Rebuilds the index after a restart from the markets' registries: each holder's account is re-read.</summary>
    public async Task<int> RebuildAsync(IEnumerable<MarketId> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var market in markets)
        {
            foreach (var holder in await grains.GetGrain<IPositionRegistryGrain>(market.Symbol).GetHoldersAsync())
            {
                accounts.Add(holder.AccountKey);
            }
        }

        foreach (var account in accounts)
        {
            RiskViewEntries.Feed(book, await grains.GetGrain<IAccountGrain>(account).GetRiskViewAsync());
        }

        return accounts.Count;
    }

    /// <summary>Sweeps every <paramref name="interval"/> on the clock until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await SweepAsync(cancellationToken);
        }
    }

    private async Task<(StepOutcome Outcome, StepDetail Detail)> LiquidateAsync(MarketId market, PositionHolder holder)
    {
        var account = grains.GetGrain<IAccountGrain>(holder.AccountKey);
        var view = await account.GetRiskViewAsync();
        RiskViewEntries.Feed(book, view);
        var position = view.Positions.FirstOrDefault(p => p.Market == market && p.Mode == holder.Mode && !p.Size.IsZero);
        if (position is null)
        {
            return (StepOutcome.NotHeld, default);
        }

        var liquidatable = holder.Mode == MarginMode.Cross ? view.Summary.CrossLiquidatable : position.Liquidatable;
        if (!liquidatable)
        {
            instruments.FalseCandidates.Add(1);
            return (StepOutcome.Cleared, default);
        }

        var equity = holder.Mode == MarginMode.Cross ? view.Summary.CrossAccountValue : position.Margin + position.UnrealizedPnl;
        var operatorId = GrainKeys.ParseAccount(holder.AccountKey).OperatorId;
        if (equity.IsNegative)
        {
            var fund = await grains.GetGrain<IInsuranceFundLedgerGrain>(operatorId).GetStatementAsync();
            if (fund.Balance < -equity)
            {
                var winners = await _deleverager.DeleverageAsync(market, holder, view, position, equity);
                if (winners > 0)
                {
                    return (StepOutcome.Deleveraged, new StepDetail(winners, null));
                }
            }
        }

        var size = await StepSizeAsync(market, operatorId, position);
        var order = new ClosePosition(new ClientOrderId($"liq:{(holder.Mode == MarginMode.Cross ? 'c' : 'i')}:{market.Symbol}:{view.Summary.EventSequence}"), market, holder.Mode, size);
        var result = await account.ClosePositionAsync(order);
        if (result.Error is { } error)
        {
            return (StepOutcome.Refused, new StepDetail(0, error.ToString()));
        }

        if (holder.Mode == MarginMode.Cross)
        {
            _watchedCross[holder.AccountKey] = 0;
        }

        instruments.Liquidations.Add(1, new KeyValuePair<string, object?>("mode", holder.Mode.ToString()));
        return (StepOutcome.Ordered, default);
    }

    /// <summary>The whole position, or one step of it when it is worth more than the policy's threshold (on lot, at least one lot).</summary>
    private async Task<Quantity> StepSizeAsync(MarketId market, string operatorId, PositionView position)
    {
        var whole = position.Size.Abs();
        if (position.PositionValue <= policy.PartialAbove)
        {
            return whole;
        }

        var risk = (await grains.GetGrain<IOperatorGrain>(operatorId).GetConfigAsync()).Risk;
        var fraction = risk.LiquidationStepFraction.Units is > 0 and < Rate.Scale ? risk.LiquidationStepFraction : policy.DefaultStepFraction;
        var spec = (await grains.GetGrain<IMarketGrain>(market.Symbol).GetSnapshotAsync()).Spec;
        var step = FixedPoint.MulDiv(whole.Units, fraction.Units, Rate.Scale, Rounding.Floor);
        step = FixedPoint.RoundToStep(step, spec.LotSize.Units, Rounding.Floor);
        return new Quantity(Math.Clamp(step, Math.Min(spec.LotSize.Units, whole.Units), whole.Units));
    }

    /// <summary>Cross accounts liquidated to flat with negative collateral: the fund pays what they owe, once per account state.</summary>
    private async Task<int> CoverShortfallsAsync()
    {
        var covered = 0;
        foreach (var accountKey in _watchedCross.Keys)
        {
            var account = grains.GetGrain<IAccountGrain>(accountKey);
            var view = await account.GetRiskViewAsync();
            if (view.Positions.Any(p => p.Mode == MarginMode.Cross))
            {
                continue;
            }

            _watchedCross.TryRemove(accountKey, out _);
            var shortfall = -view.Summary.Collateral;
            if (!shortfall.IsPositive)
            {
                continue;
            }

            var id = $"{accountKey}:shortfall:{view.Summary.EventSequence}";
            var operatorId = GrainKeys.ParseAccount(accountKey).OperatorId;
            await grains.GetGrain<IInsuranceFundGrain>(operatorId).CoverBadDebtAsync(new BadDebtClaim(id, accountKey, new MarketId("*"), shortfall));
            await account.CreditTransferAsync(new TransferCredit(id, shortfall, "insurance"));
            covered++;
        }

        return covered;
    }

    private enum StepOutcome
    {
        NotHeld,
        Cleared,
        Ordered,
        Refused,
        Deleveraged,
    }

    private readonly record struct StepDetail(int Winners, string? Refusal);
}
