using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Runtime;

namespace PerpStudio.Api.Application;

/// <summary>Reads an operator's offering of a market and refuses what the operator does not offer, before any grain changes.</summary>
public sealed class OperatorRules(IGrainFactory grains)
{
    /// <summary>The operator's offering of <paramref name="market"/>; NOT_FOUND when it does not offer it.</summary>
    public async Task<MarketOffering> OfferingAsync(string operatorId, MarketId market)
    {
        var config = await grains.GetGrain<IOperatorGrain>(operatorId).GetConfigAsync();
        return config.Offering(market) ?? throw new ApiException(Refusals.UnknownMarket(market.Symbol ?? string.Empty));
    }

    /// <summary>Refuses a margin mode the operator does not offer in the market (FAILED_PRECONDITION).</summary>
    public async Task RequireModeAsync(string operatorId, MarketId market, MarginMode mode)
    {
        var config = await grains.GetGrain<IOperatorGrain>(operatorId).GetConfigAsync();
        if (config.Offering(market) is null)
        {
            throw new ApiException(Refusals.UnknownMarket(market.Symbol ?? string.Empty));
        }

        var offeredGlobally = mode == MarginMode.Cross ? config.CrossOffered : config.IsolatedOffered;
        var profile = await grains.GetGrain<IOperatorProfileGrain>(operatorId).GetAsync();
        var offeredHere = profile is null || !profile.MarketModes.TryGetValue(market.Symbol, out var modes) || modes.Contains(mode);
        if (!offeredGlobally || !offeredHere)
        {
            throw new ApiException(Refusals.MarginModeNotOffered(mode.ToString().ToLowerInvariant()));
        }
    }
}
