using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Web.Components;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sessions;

namespace PerpStudio.Web.Endpoints;

/// <summary>
/// The trader's actions, each one call of the API's application services with the session's caller. Each answers
/// with the panels it changed; a refusal answers with the API's error (field, code, message) and changes nothing.
/// </summary>
internal static class TraderEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        Post(endpoints, "/_ps/preview", PreviewAsync);
        Post(endpoints, "/_ps/order", PlaceAsync);
        Post(endpoints, "/_ps/deposit", DepositAsync);
        Post(endpoints, "/_ps/margin/preview", PreviewMarginAsync);
        Post(endpoints, "/_ps/margin", ChangeMarginAsync);
        Post(endpoints, "/_ps/close", CloseAsync);
        Post(endpoints, "/_ps/tpsl", TpSlAsync);
        Post(endpoints, "/_ps/cancel", CancelAsync);
        RiskEndpoints.Map(endpoints, Post);
    }

    /// <summary>What an action gets: services, the caller, the form and the request.</summary>
    internal sealed record ActionContext(HttpContext Http, WebRequest Request, CallerContext Trader, IFormCollection Form, ComponentHtml Html, TradeDesk Desk)
    {
        public T Service<T>()
            where T : notnull => Http.RequestServices.GetRequiredService<T>();

        public string? Field(string name) => WebResults.Field(Form, name);

        public MarketId Market() => string.IsNullOrWhiteSpace(Field("market")) ? throw new ApiException(ApiError.Required("market")) : new MarketId(Field("market")!.Trim());

        public Task<string> RenderAsync<TComponent>(object model)
            where TComponent : Microsoft.AspNetCore.Components.IComponent => Html.RenderAsync<TComponent>(model);

        /// <summary>The account panels after a change: summary, positions and history.</summary>
        public async Task<string> AccountPanelsAsync(NoticeModel notice) =>
            await RenderAsync<NoticePanel>(notice)
            + await RenderAsync<AccountPanel>(await Desk.AccountAsync(Trader))
            + await RenderAsync<PositionsPanel>(await Desk.PositionsAsync(Trader, PageEndpoints.AlertThreshold(Http)))
            + await RenderAsync<HistoryPanel>(await Desk.HistoryAsync(Trader));
    }

    internal static void Post(IEndpointRouteBuilder endpoints, string path, Func<ActionContext, Task<string>> action)
    {
        endpoints.MapPost(path, async (HttpContext context, WebRequestReader reader, ComponentHtml html, TradeDesk desk) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: true);
            if (request is null)
            {
                return refused!;
            }

            if (request.Trader is not { } trader)
            {
                return WebResults.Reload(context); // signed out meanwhile: the page shows the sign-in
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var actionContext = new ActionContext(context, request, trader, form, html, desk);
            try
            {
                return WebResults.Html(await action(actionContext));
            }
            catch (ApiException refusal)
            {
                return WebResults.Html(await html.RenderAsync<NoticePanel>(new NoticeModel(refusal.Error, null)));
            }
        });
    }

    private static async Task<string> PreviewAsync(ActionContext a)
    {
        PreviewModel model;
        try
        {
            var ticket = OrderTicket.Parse(OrderTicketInput.From(a.Field));
            var outcome = await a.Service<RiskService>().PreviewOrderAsync(a.Trader, ticket.Order);
            model = new PreviewModel(outcome, outcome.Refusal);
        }
        catch (ApiException refusal)
        {
            model = new PreviewModel(null, refusal.Error);
        }

        return await a.RenderAsync<PreviewPanel>(model);
    }

    private static async Task<string> PlaceAsync(ActionContext a)
    {
        PreviewModel model;
        try
        {
            if (!a.Request.Site.Features.OneClickTrading && !FormFields.Checked(a.Field("confirm")))
            {
                throw new ApiException(ApiError.Invalid("confirm", "confirmation_required", "tick the confirmation box after checking the figures"));
            }

            var ticket = OrderTicket.Parse(OrderTicketInput.From(a.Field));
            var placed = await a.Service<TradingService>().PlaceOrderAsync(a.Trader, ticket.Order, ticket.TakeProfit, ticket.StopLoss);
            var text = $"Order {placed.Order.ClientOrderId} {placed.Order.Status.ToString().ToLowerInvariant()}: {placed.Order.Request.Side.ToString().ToLowerInvariant()} {placed.Order.Request.Size} {placed.Order.Request.Market}";
            model = new PreviewModel(null, placed.AttachRefusal ?? (placed.Order.Reject is { } reject ? ApiError.From(reject) : null), text);
        }
        catch (ApiException refusal)
        {
            model = new PreviewModel(null, refusal.Error);
        }

        return await a.RenderAsync<PreviewPanel>(model) + await a.AccountPanelsAsync(NoticeModel.None);
    }

    private static async Task<string> DepositAsync(ActionContext a)
    {
        var amount = FormFields.RequireMoney(a.Field("amount"), "amount");
        var receipt = await a.Service<AccountService>().DepositAsync(a.Trader, amount, "web-deposit:" + NewId());
        return await a.AccountPanelsAsync(new NoticeModel(null, $"Deposited {receipt.Entry.Amount} USD of demo collateral."));
    }

    private static async Task<string> PreviewMarginAsync(ActionContext a)
    {
        var market = a.Market();
        MarginChangeModel model;
        try
        {
            var amount = FormFields.RequireMoney(a.Field("amount"), "amount");
            if (amount.IsZero)
            {
                throw new ApiException(ApiError.Invalid("amount", "amount_zero", "amount must be positive (add) or negative (remove), not 0"));
            }

            var preview = await a.Service<RiskService>().PreviewIsolatedMarginAsync(a.Trader, market, amount);
            model = new MarginChangeModel(market.Symbol, amount, preview, null);
        }
        catch (ApiException refusal)
        {
            model = new MarginChangeModel(market.Symbol, null, null, refusal.Error);
        }

        return await a.RenderAsync<MarginChangePanel>(model);
    }

    private static async Task<string> ChangeMarginAsync(ActionContext a)
    {
        var market = a.Market();
        try
        {
            var amount = FormFields.RequireMoney(a.Field("amount"), "amount");
            var update = await a.Service<TradingService>().UpdateIsolatedMarginAsync(a.Trader, market, amount, "web-margin:" + NewId());
            var notice = $"Isolated margin of {market} is now {update.Receipt.MarginAfter} USD; liquidation price {Formats.Liquidation(update.Receipt.LiquidationPrice)}.";
            return await a.RenderAsync<MarginChangePanel>(MarginChangeModel.None) + await a.AccountPanelsAsync(new NoticeModel(null, notice));
        }
        catch (ApiException refusal)
        {
            return await a.RenderAsync<MarginChangePanel>(new MarginChangeModel(market.Symbol, null, null, refusal.Error));
        }
    }

    private static async Task<string> CloseAsync(ActionContext a)
    {
        var market = a.Market();
        var order = await a.Service<TradingService>().ClosePositionAsync(a.Trader, market, null, null);
        return await a.AccountPanelsAsync(new NoticeModel(null, $"Closing {market}: order {order.ClientOrderId} {order.Status.ToString().ToLowerInvariant()}."));
    }

    private static async Task<string> TpSlAsync(ActionContext a)
    {
        var market = a.Market();
        var tp = FormFields.OptionalPrice(a.Field("take_profit_price"), "take_profit_price");
        var sl = FormFields.OptionalPrice(a.Field("stop_loss_price"), "stop_loss_price");
        var placed = await a.Service<TradingService>().SetTpSlAsync(a.Trader, market, tp, sl);
        return await a.AccountPanelsAsync(new NoticeModel(null, $"{market}: {placed.Count} protective order(s) in place."));
    }

    private static async Task<string> CancelAsync(ActionContext a)
    {
        var id = a.Field("order_id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ApiException(ApiError.Required("order_id"));
        }

        var order = await a.Service<TradingService>().CancelOrderByIdAsync(a.Trader, id);
        return await a.AccountPanelsAsync(new NoticeModel(null, $"Order {order.ClientOrderId} {order.Status.ToString().ToLowerInvariant()}."));
    }

    internal static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
