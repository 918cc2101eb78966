using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Accounts;
using PerpStudio.Grains.Events;
using PerpStudio.Grains.Isolated;
using PerpStudio.Grains.Operators;
using PerpStudio.Runtime.Hosting;

namespace PerpStudio.Grains.Hosting;

/// <summary>Registers the operator, fee collector, account and isolated position grains and their services.</summary>
public static class PerpStudioGrainsRegistration
{
    /// <summary>
    /// Adds the grains, the account event hub, the no-op liquidation index (replace <see cref="ILiquidationIndexSink"/>
    /// to keep one) and the Domain's JSON converters for grain state. An <see cref="IOrderGateway"/> must be registered
    /// by the host (e.g. <c>DirectVenueOrderGateway</c>), and a grain storage named <see cref="GrainKeys.Storage"/>.
    /// </summary>
    public static GrainRuntimeBuilder AddPerpStudioGrains(this GrainRuntimeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<GrainRuntimeOptions>(o => o.StateSerializerOptions.AddDomainConverters());
        builder.Services.TryAddSingleton<IAccountEventHub>(_ => new AccountEventHub());
        builder.Services.TryAddSingleton<ILiquidationIndexSink, NoLiquidationIndex>();
        return builder
            .AddGrain<IOperatorGrain, OperatorGrain>()
            .AddGrain<IFeeCollectorGrain, FeeCollectorGrain>()
            .AddGrain<IRevenueDayGrain, RevenueDayGrain>()
            .AddGrain<IAccountGrain, AccountGrain>()
            .AddGrain<IReferralAccountGrain, AccountGrain>()
            .AddGrain<IIsolatedPositionGrain, IsolatedPositionGrain>();
    }
}
