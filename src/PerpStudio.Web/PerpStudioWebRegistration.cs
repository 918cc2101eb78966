using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerpStudio.Web.Console;
using PerpStudio.Web.Endpoints;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sessions;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web;

/// <summary>
/// The two calls a host makes to serve the frontend beside the API (after <c>AddPerpStudioApi</c>, whose application
/// services the pages call in process):
/// <code>
/// builder.Services.AddPerpStudioWeb(builder.Configuration);
/// var app = builder.Build();
/// app.MapPerpStudioWeb();   // on the HTTP/1.1 listener
/// </code>
/// </summary>
public static class PerpStudioWebRegistration
{
    /// <summary>Adds the frontend's services, reading <see cref="PerpStudioWebOptions"/> from <c>PerpStudio:Frontend</c>.</summary>
    public static IServiceCollection AddPerpStudioWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PerpStudioWebOptions>().Bind(configuration.GetSection(PerpStudioWebOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiteResolver>();
        services.TryAddSingleton<DemoWallets>();
        services.TryAddSingleton<ConsoleSessions>();
        services.TryAddSingleton<WebCookies>();
        services.TryAddSingleton<WebRequestReader>();
        services.TryAddSingleton<ComponentHtml>();
        services.TryAddSingleton<TradeDesk>();
        services.TryAddSingleton<ConsoleDesk>();
        return services;
    }

    /// <summary>
    /// Maps the trading page (<c>/</c>), the leaderboard (<c>/leaderboard</c>), the operator console (<c>/console</c>), their actions and live events
    /// (<c>/_ps/*</c>) and the stylesheet and script. A host no operator serves gets a 404 page.
    /// </summary>
    public static IEndpointRouteBuilder MapPerpStudioWeb(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        AssetEndpoints.Map(endpoints);
        PageEndpoints.Map(endpoints);
        SignInEndpoints.Map(endpoints);
        TraderEndpoints.Map(endpoints);
        LiveEndpoints.Map(endpoints);
        LeaderboardEndpoints.Map(endpoints);
        ConsoleEndpoints.Map(endpoints);
        return endpoints;
    }
}
