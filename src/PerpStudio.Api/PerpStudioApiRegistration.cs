using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api;

/// <summary>
/// The two calls a host makes to serve the API:
/// <code>
/// builder.Services.AddGrainRuntime().AddPerpStudioGrains().AddMemoryGrainStorage(GrainKeys.Storage); // or Redis
/// builder.Services.AddSingleton&lt;IOrderGateway&gt;(...);
/// builder.Services.AddPerpStudioApi(builder.Configuration);
/// builder.WebHost.ConfigureKestrel(k =&gt; k.ListenGrpcH2c(IPAddress.Loopback, port));
/// var app = builder.Build();
/// app.MapPerpStudioApi();
/// </code>
/// </summary>
public static class PerpStudioApiRegistration
{
    /// <summary>
    /// Adds the gRPC server, the application services (also used by the web frontend), identity and tenancy (with their
    /// grains), rate limits and the call filters (errors, authentication, rate limits), reading
    /// <see cref="PerpStudioApiOptions"/> from the section <c>PerpStudio:Api</c>.
    /// </summary>
    /// <param name="services">The host's services; the grain runtime and an order gateway are registered by the host.</param>
    /// <param name="configuration">The configuration; may be empty (defaults apply).</param>
    public static IServiceCollection AddPerpStudioApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PerpStudioApiOptions>().Bind(configuration.GetSection(PerpStudioApiOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddGrpcServer();
        return services;
    }

    /// <summary>
    /// Maps every service of protos/perpstudio/v1 (Auth, Trading, Account, Risk, MarketData, Stream, OperatorAdmin),
    /// plus gRPC health and reflection. Binding validation makes an unbound method a startup failure.
    /// </summary>
    public static IEndpointRouteBuilder MapPerpStudioApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcHealth();
        endpoints.MapGrpcReflection();
        return endpoints;
    }
}
