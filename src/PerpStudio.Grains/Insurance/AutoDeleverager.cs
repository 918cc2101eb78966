using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Liquidation;
using PerpStudio.Runtime;

namespace PerpStudio.Grains.Insurance;

/// <summary>
/// Auto-deleveraging, when a bankrupt position's loss is more than its operator's insurance fund holds: the bankrupt
/// position is closed against the opposite side's profitable positions, ranked as Hyperliquid ranks them
/// (<see cref="AdlRanking"/>), all at the bankrupt position's bankruptcy price. The bankrupt trader loses exactly the
/// equity in scope, the winners give up the difference between the mark and that price, and nothing trades at a venue:
/// the two sides offset, so the operator's venue position is unchanged. Each close is an id'd liquidation step on the
/// holder's grain, applied once.
/// </summary>
internal sealed class AutoDeleverager(IGrainFactory grains, PositionRegistryFlusher registry, RiskInstruments instruments)
{
    /// <summary>Closes what the winners can take of the bankrupt position; returns how many winners were deleveraged.</summary>
    public async Task<int> DeleverageAsync(MarketId market, PositionHolder bankrupt, AccountRiskView view, PositionView position, Money equity)
    {
        var price = BankruptcyPrice.Of(position.Mark, position.Size, equity);
        var operatorPrefix = GrainKeys.ParseAccount(bankrupt.AccountKey).OperatorId + GrainKeys.Separator;
        await registry.FlushAsync();
        var candidates = new List<AdlCandidate>();
        foreach (var holder in await grains.GetGrain<IPositionRegistryGrain>(market.Symbol).GetHoldersAsync())
        {
            if (holder.AccountKey == bankrupt.AccountKey || !holder.AccountKey.StartsWith(operatorPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var other = await grains.GetGrain<IAccountGrain>(holder.AccountKey).GetRiskViewAsync();
            if (other.Positions.FirstOrDefault(p => p.Market == market && p.Mode == holder.Mode && !p.Size.IsZero) is { } p)
            {
                var value = holder.Mode == MarginMode.Cross ? other.Summary.CrossAccountValue : p.Margin + p.UnrealizedPnl;
                candidates.Add(new AdlCandidate(holder, p.Size, p.EntryPrice, p.Mark, p.PositionValue, value, p.UnrealizedPnl));
            }
        }

        var id = $"adl:{market.Symbol}:{bankrupt.AccountKey}:{view.Summary.EventSequence}";
        var remaining = position.Size.Abs();
        var winners = 0;
        foreach (var winner in AdlRanking.Rank(candidates, position.Size.Sign))
        {
            if (!remaining.IsPositive)
            {
                break;
            }

            var take = Quantity.Min(remaining, winner.Size.Abs());
            await CloseAsync(market, winner.Holder, take, price, $"{id}:{winner.Holder.AccountKey}:{winner.Holder.Mode}");
            remaining -= take;
            winners++;
            instruments.AdlEvents.Add(1, new KeyValuePair<string, object?>("market", market.Symbol));
        }

        var closed = position.Size.Abs() - remaining;
        if (closed.IsPositive)
        {
            await CloseAsync(market, bankrupt, closed, price, $"{id}:bankrupt");
        }

        return winners;
    }

    /// <summary>Closes part of a position at a price, moving an isolated position's freed margin back and its bad debt to the fund.</summary>
    private async Task CloseAsync(MarketId market, PositionHolder holder, Quantity size, Price price, string id)
    {
        var account = grains.GetGrain<IAccountGrain>(holder.AccountKey);
        if (holder.Mode == MarginMode.Cross)
        {
            var closed = await account.LiquidateCrossAsync(new CrossLiquidation(id, market, size, price, Money.Zero));
            if (!closed.IsSuccess)
            {
                throw new InvalidOperationException($"auto-deleveraging {id} was refused by {holder}: {closed.Error}");
            }

            if (closed.Value.Shortfall.IsPositive)
            {
                // rounding left the flat account a unit short: the fund pays it, the account is made whole
                var operatorId = GrainKeys.ParseAccount(holder.AccountKey).OperatorId;
                await grains.GetGrain<IInsuranceFundGrain>(operatorId).CoverBadDebtAsync(new BadDebtClaim(id, holder.AccountKey, market, closed.Value.Shortfall));
                await account.CreditTransferAsync(new TransferCredit(id, closed.Value.Shortfall, "insurance", market));
            }

            return;
        }

        var isolated = await grains.GetGrain<IIsolatedPositionGrain>(GrainKeys.Isolated(holder.AccountKey, market))
            .LiquidateAsync(new IsolatedLiquidation(id, price, size, Money.Zero));
        if (!isolated.IsSuccess)
        {
            throw new InvalidOperationException($"auto-deleveraging {id} was refused by {holder}: {isolated.Error}");
        }

        var receipt = isolated.Value;
        if (receipt.MarginReturned.IsPositive)
        {
            await account.CreditTransferAsync(new TransferCredit(id, receipt.MarginReturned, "isolated-liquidation", market));
        }

        if (receipt.BadDebt.IsPositive)
        {
            var operatorId = GrainKeys.ParseAccount(holder.AccountKey).OperatorId;
            await grains.GetGrain<IInsuranceFundGrain>(operatorId).CoverBadDebtAsync(new BadDebtClaim(id, holder.AccountKey, market, receipt.BadDebt));
        }
    }
}
