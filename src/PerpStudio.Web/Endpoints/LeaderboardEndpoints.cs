using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sessions;

namespace PerpStudio.Web.Endpoints;

/// <summary>The leaderboard page (<c>/leaderboard</c>): only where the operator's Leaderboard feature is on, 404 elsewhere.</summary>
internal static class LeaderboardEndpoints
{
    /// <summary>Rows shown.</summary>
    public const int RowsShown = 50;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/leaderboard", async (HttpContext context, WebRequestReader reader, ComponentHtml html, MarketDataService marketData) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: false);
            if (request is null)
            {
                return refused!;
            }

            var window = LeaderboardModel.WindowOf(context.Request.Query["window"].ToString());
            var ranking = LeaderboardModel.RankingOf(context.Request.Query["rank"].ToString());
            var trader = request.Trader?.Trader?.ToString();
            if (!request.Site.Features.Leaderboard)
            {
                var off = new ApiError(ApiErrorKind.NotFound, "leaderboard_off", string.Empty, "This exchange does not show a leaderboard.");
                return WebResults.Page(await html.RenderAsync<Components.LeaderboardPage>(new LeaderboardModel(request.Site, trader, window, ranking, null, off)), StatusCodes.Status404NotFound);
            }

            var model = new LeaderboardModel(request.Site, trader, window, ranking, null);
            if (request.Trader is { } caller)
            {
                try
                {
                    model = model with { Standings = await marketData.GetLeaderboardAsync(caller, window, ranking, RowsShown) };
                }
                catch (ApiException refusal)
                {
                    // the feature was switched off since the site was read: the service's reason, as it gave it
                    return WebResults.Page(await html.RenderAsync<Components.LeaderboardPage>(model with { Refusal = refusal.Error }), StatusCodes.Status404NotFound);
                }
            }

            return WebResults.Page(await html.RenderAsync<Components.LeaderboardPage>(model));
        });
    }
}
