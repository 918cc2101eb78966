using Microsoft.AspNetCore.Routing;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Domain.Risk;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Web.Components;
using PerpStudio.Web.Models;
using PerpStudio.Web.Sessions;
using static PerpStudio.Web.Endpoints.TraderEndpoints;

namespace PerpStudio.Web.Endpoints;

/// <summary>The risk panel's tools: stress test and sizing through RiskService, and the margin alert threshold.</summary>
internal static class RiskEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, Action<IEndpointRouteBuilder, string, Func<ActionContext, Task<string>>> post)
    {
        post(endpoints, "/_ps/risk/stress", StressAsync);
        post(endpoints, "/_ps/risk/size", SizeAsync);
        post(endpoints, "/_ps/risk/alert", AlertAsync);
    }

    /// <summary>The scenario a stress form describes: per-market price shocks (%) and one funding shock for every market.</summary>
    public static StressScenario Scenario(IEnumerable<KeyValuePair<string, string?>> fields, IReadOnlyList<string> markets)
    {
        var values = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var shocks = new Dictionary<MarketId, Rate>();
        foreach (var market in markets)
        {
            if (values.TryGetValue("shock:" + market, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                shocks[new MarketId(market)] = FormFields.RequirePercent(text, "shock:" + market);
            }
        }

        var hours = values.TryGetValue("funding_hours", out var h) && !string.IsNullOrWhiteSpace(h) ? FormFields.RequireInt(h, "funding_hours", 0, 8760) : 0;
        var funding = new Dictionary<MarketId, Rate>();
        if (values.TryGetValue("funding_rate", out var f) && !string.IsNullOrWhiteSpace(f))
        {
            var rate = FormFields.RequirePercent(f, "funding_rate");
            foreach (var market in markets)
            {
                funding[new MarketId(market)] = rate;
            }
        }

        return new StressScenario(shocks, funding, hours);
    }

    private static async Task<string> StressAsync(ActionContext a)
    {
        var markets = await MarketsAsync(a);
        RiskModel model;
        try
        {
            var scenario = Scenario(a.Form.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ToString())), markets);
            var result = await a.Service<RiskService>().StressTestAsync(a.Trader, scenario);
            model = new RiskModel(markets, result, null, PageEndpoints.AlertThreshold(a.Http));
        }
        catch (ApiException refusal)
        {
            model = new RiskModel(markets, null, null, PageEndpoints.AlertThreshold(a.Http), refusal.Error);
        }

        return await a.RenderAsync<RiskPanel>(model);
    }

    private static async Task<string> SizeAsync(ActionContext a)
    {
        var markets = await MarketsAsync(a);
        RiskModel model;
        try
        {
            var side = a.Field("side") == "sell" ? Side.Sell : Side.Buy;
            var entry = FormFields.RequirePrice(a.Field("entry"), "entry");
            var stop = FormFields.RequirePrice(a.Field("stop"), "stop");
            var loss = FormFields.RequireMoney(a.Field("max_loss"), "max_loss");
            var maxLeverage = string.IsNullOrWhiteSpace(a.Field("max_leverage")) ? 0 : FormFields.RequireInt(a.Field("max_leverage"), "max_leverage", 0, 1000);
            var request = new TradeSizingRequest(a.Market(), side, entry, stop, PlannedExit.Stop, loss);
            var sizing = await a.Service<RiskService>().SizeByRiskAsync(a.Trader, request, maxLeverage);
            model = new RiskModel(markets, null, sizing, PageEndpoints.AlertThreshold(a.Http));
        }
        catch (ApiException refusal)
        {
            model = new RiskModel(markets, null, null, PageEndpoints.AlertThreshold(a.Http), refusal.Error);
        }

        return await a.RenderAsync<RiskPanel>(model);
    }

    private static async Task<string> AlertAsync(ActionContext a)
    {
        var markets = await MarketsAsync(a);
        var text = a.Field("threshold");
        Rate? threshold = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                var rate = FormFields.RequirePercent(text, "threshold");
                threshold = rate.IsPositive ? rate : throw new ApiException(ApiError.Invalid("threshold", "threshold_not_positive", "the alert threshold must be above 0%"));
            }
        }
        catch (ApiException refusal)
        {
            return await a.RenderAsync<RiskPanel>(new RiskModel(markets, null, null, PageEndpoints.AlertThreshold(a.Http), refusal.Error));
        }

        var cookies = a.Service<WebCookies>();
        if (threshold is { } t)
        {
            cookies.Set(a.Http.Response, WebCookies.AlertThreshold, t.ToString());
        }
        else
        {
            WebCookies.Clear(a.Http.Response, WebCookies.AlertThreshold);
        }

        return await a.RenderAsync<RiskPanel>(new RiskModel(markets, null, null, threshold))
            + await a.RenderAsync<PositionsPanel>(await a.Desk.PositionsAsync(a.Trader, threshold));
    }

    private static async Task<IReadOnlyList<string>> MarketsAsync(ActionContext a) =>
        [.. (await a.Desk.MarketsAsync(a.Trader)).Select(m => m.Offering.Market.Symbol)];
}
