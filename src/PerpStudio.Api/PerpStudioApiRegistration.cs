using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerpStudio.Api.Application;
using PerpStudio.Api.Grpc;
using PerpStudio.Api.Identity;
using PerpStudio.Api.MarketData;
using PerpStudio.Api.Operators;
using PerpStudio.Api.RateLimiting;
using PerpStudio.Api.Tenancy;
using PerpStudio.Grpc.Server;
using PerpStudio.Runtime.Hosting;

namespace PerpStudio.Api;

/// <summary>
/// The two calls a host makes to serve the API:
/// <code>
/// builder.Services.AddGrainRuntime().AddPerpStudioGrains().AddMemoryGrainStorage(GrainKeys.Storage); // or Redis
/// builder.Services.AddSingleton&lt;IOrderGateway&gt;(...);          // required
/// builder.Services.AddSingleton&lt;IVenue&gt;(...);                 // each venue order books are read from
/// builder.Services.AddPerpStudioApi(builder.Configuration);
/// builder.WebHost.ConfigureKestrel(k =&gt; k.ListenGrpcH2c(IPAddress.Loopback, port));
/// var app = builder.Build();
/// app.MapPerpStudioApi();
/// </code>
/// </summary>
public static class PerpStudioApiRegistration
{
    /// <summary>
    /// Adds the gRPC server, the application services (also used by the web frontend), identity and tenancy (with
    /// their grains, registered on the grain runtime), rate limits and the call filters (errors, authentication, rate
    /// limits, in that order), reading <see cref="PerpStudioApiOptions"/> from the section <c>PerpStudio:Api</c>.
    /// </summary>
    /// <param name="services">The host's services; the host registers the grains' storage and an order gateway.</param>
    /// <param name="configuration">The configuration; may be empty (defaults apply).</param>
    public static IServiceCollection AddPerpStudioApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PerpStudioApiOptions>().Bind(configuration.GetSection(PerpStudioApiOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddGrainRuntime()
            .AddGrain<ISessionGrain, SessionGrain>()
            .AddGrain<IApiKeyGrain, ApiKeyGrain>()
            .AddGrain<ISignInChallengeGrain, SignInChallengeGrain>()
            .AddGrain<IOperatorProfileGrain, OperatorProfileGrain>()
            .AddGrain<IOperatorDomainGrain, OperatorDomainGrain>()
            .AddGrain<IOperatorUsersGrain, OperatorUsersGrain>()
            .AddGrain<IBrandAssetGrain, BrandAssetGrain>();

        // application services: the gRPC adapters and the web frontend call these same singletons
        services.TryAddSingleton<OperatorDirectory>();
        services.TryAddSingleton<IOperatorResolver>(sp => sp.GetRequiredService<OperatorDirectory>());
        services.TryAddSingleton<CredentialAuthenticator>();
        services.TryAddSingleton<OperatorRules>();
        services.TryAddSingleton<AuthService>();
        services.TryAddSingleton<TradingService>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<RiskService>();
        services.TryAddSingleton<MarketDataService>();
        services.TryAddSingleton<AccountStreamService>();
        services.TryAddSingleton<OperatorAdminService>();
        services.TryAddSingleton<MarketTape>(_ => new MarketTape());
        services.TryAddSingleton<MarketDataVenues>();
        services.TryAddSingleton<CallRateLimiter>();

        // gRPC: adapters and filters (registration order is the order filters run in)
        services.AddGrpcServer();
        services.TryAddSingleton<AuthGrpcService>();
        services.TryAddSingleton<TradingGrpcService>();
        services.TryAddSingleton<AccountGrpcService>();
        services.TryAddSingleton<RiskGrpcService>();
        services.TryAddSingleton<MarketDataGrpcService>();
        services.TryAddSingleton<StreamGrpcService>();
        services.TryAddSingleton<OperatorAdminGrpcService>();
        services.AddGrpcCallFilter<ErrorMappingFilter>();
        services.AddGrpcCallFilter<AuthenticationFilter>();
        services.AddGrpcCallFilter<RateLimitFilter>();
        return services;
    }

    /// <summary>
    /// Maps every service of protos/perpstudio/v1 (Auth, Trading, Account, Risk, MarketData, Stream, OperatorAdmin),
    /// plus gRPC health and reflection. Binding validation makes an unbound method a startup failure.
    /// </summary>
    public static IEndpointRouteBuilder MapPerpStudioApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var sp = endpoints.ServiceProvider;
        endpoints.MapGrpcService(sp.GetRequiredService<AuthGrpcService>().Bind());
        endpoints.MapGrpcService(sp.GetRequiredService<TradingGrpcService>().Bind());
        endpoints.MapGrpcService(sp.GetRequiredService<AccountGrpcService>().Bind());
        endpoints.MapGrpcService(sp.GetRequiredService<RiskGrpcService>().Bind());
        endpoints.MapGrpcService(sp.GetRequiredService<MarketDataGrpcService>().Bind());
        endpoints.MapGrpcService(sp.GetRequiredService<StreamGrpcService>().Bind());
        endpoints.MapGrpcService(sp.GetRequiredService<OperatorAdminGrpcService>().Bind());
        endpoints.MapGrpcHealth();
        endpoints.MapGrpcReflection();
        return endpoints;
    }
}
