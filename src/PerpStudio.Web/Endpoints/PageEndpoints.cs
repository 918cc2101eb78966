using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PerpStudio.Api.Application;
using PerpStudio.Domain.Primitives;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sessions;

namespace PerpStudio.Web.Endpoints;

/// <summary>The trading page (<c>/</c>).</summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", async (HttpContext context, WebRequestReader reader, ComponentHtml html, TradeDesk desk, DemoWallets wallets, IOptions<PerpStudioWebOptions> options) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: false);
            if (request is null)
            {
                return refused!;
            }

            var model = await BuildAsync(
                request, context.Request.Query["market"].ToString(), AlertThreshold(context), desk, wallets, options.Value, context.RequestAborted,
                CandleIntervals.Parse(context.Request.Query["interval"].ToString()));
            return WebResults.Page(await html.RenderAsync<Components.TradePage>(model));
        });
    }

    /// <summary>The whole page for <paramref name="request"/>, the chart in <paramref name="interval"/> candles (1m when null).</summary>
    public static async Task<TradePageModel> BuildAsync(
        WebRequest request, string? market, Rate? threshold, TradeDesk desk, DemoWallets wallets, PerpStudioWebOptions options, CancellationToken cancellationToken,
        CandleInterval? interval = null)
    {
        var site = request.Site;
        var demoAddress = options.DemoWallet ? wallets.AddressOf(request.DemoWalletId)?.ToString() : null;
        if (request.Trader is not { } trader)
        {
            return new TradePageModel(new Visitor(site, null, options.DemoWallet, demoAddress, options.ChainId), [], null, null, null, null, null, null);
        }

        var visitor = new Visitor(site, trader.Trader!.Value.ToString(), options.DemoWallet, demoAddress, options.ChainId);
        var markets = await desk.MarketsAsync(trader);
        var selected = TradeDesk.Select(markets, market);
        var marketModel = selected is null ? null : await desk.MarketAsync(trader, selected, site, cancellationToken, interval);
        var ticket = selected is null ? null : new TicketModel(selected, site.Features.LeverageSelector, site.Features.OneClickTrading, PreviewModel.Empty);
        var risk = new RiskModel([.. markets.Select(m => m.Offering.Market.Symbol)], null, null, threshold);
        return new TradePageModel(visitor, markets, marketModel, ticket,
            await desk.AccountAsync(trader), await desk.PositionsAsync(trader, threshold), await desk.HistoryAsync(trader), risk);
    }

    /// <summary>The trader's alert threshold from its cookie, or null.</summary>
    public static Rate? AlertThreshold(HttpContext context) =>
        context.Request.Cookies.TryGetValue(WebCookies.AlertThreshold, out var text) && Rate.TryParse(text, out var rate) && rate.IsPositive ? rate : null;

    /// <summary>The signed-in trader, or null.</summary>
    public static CallerContext? TraderOf(WebRequest request) => request.Trader;
}
