using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Funding;
using PerpStudio.Grains.Insurance;
using PerpStudio.Grains.Markets;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Hosting;

namespace PerpStudio.Grains.Liquidation;

/// <summary>
/// Registers markets, funding, liquidation and insurance: the <see cref="LiquidationBook"/> as the process's
/// <see cref="ILiquidationIndexSink"/> (replacing the no-op one), the market, funding, position registry and insurance
/// fund grains, and the services a host runs outside grain turns: <see cref="LiquidationEngine"/> (call
/// <see cref="LiquidationEngine.RebuildAsync"/> at start, then <see cref="LiquidationEngine.RunAsync"/>) and
/// <see cref="FundingScheduler"/> (construct with the listed markets and call <see cref="FundingScheduler.Start"/>).
/// </summary>
public static class RiskRegistration
{
    /// <summary>Adds the risk grains and services.</summary>
    public static GrainRuntimeBuilder AddPerpStudioRisk(
        this GrainRuntimeBuilder builder,
        Action<LiquidationBookOptions>? index = null,
        Action<LiquidationPolicy>? liquidation = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var indexOptions = new LiquidationBookOptions();
        index?.Invoke(indexOptions);
        var policy = new LiquidationPolicy();
        liquidation?.Invoke(policy);
        var services = builder.Services;
        services.TryAddSingleton(_ => new LiquidationBook(indexOptions));
        services.Replace(ServiceDescriptor.Singleton<ILiquidationIndexSink>(sp => sp.GetRequiredService<LiquidationBook>()));
        services.TryAddSingleton<RiskInstruments>();
        services.TryAddSingleton(policy);
        services.TryAddSingleton(sp => new PositionRegistryFlusher(sp.GetRequiredService<LiquidationBook>(), sp.GetRequiredService<IGrainFactory>()));
        services.TryAddSingleton(sp => new LiquidationEngine(
            sp.GetRequiredService<LiquidationBook>(),
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<PositionRegistryFlusher>(),
            sp.GetRequiredService<RiskInstruments>(),
            sp.GetRequiredService<LiquidationPolicy>()));
        return builder
            .AddGrain<IMarketGrain, MarketGrain>()
            .AddGrain<IMarketFeedGrain, MarketGrain>()
            .AddGrain<IFundingGrain, FundingGrain>()
            .AddGrain<IPositionRegistryGrain, PositionRegistryGrain>()
            .AddGrain<IInsuranceFundGrain, InsuranceFundGrain>()
            .AddGrain<IInsuranceFundLedgerGrain, InsuranceFundGrain>();
    }
}
