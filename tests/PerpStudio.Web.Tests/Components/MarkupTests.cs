using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.MarketData;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Web.Components;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sites;
using PerpStudio.Web.Tests.Models;

namespace PerpStudio.Web.Tests.Components;

/// <summary>The components rendered to HTML by ASP.NET Core's HtmlRenderer, as the server sends them.</summary>
public sealed partial class MarkupTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    private ComponentHtml Html => new(_services, NullLoggerFactory.Instance);

    private static OperatorSite Site(string name = "Acme Perps", string primary = "#aa0011", FeatureFlags? features = null) =>
        new("acme", BrandingProfile.Default with { DisplayName = name, PrimaryColor = primary, Tagline = "Trade the future", FontFamily = "Georgia" },
            features ?? FeatureFlags.Default, 3);

    private static MarketListing Listing(string symbol, params MarginMode[] modes)
    {
        var spec = new MarketSpec(new MarketId(symbol), symbol.Split('-')[0], Price.Parse("0.1"), Quantity.Parse("0.001"), Money.Of(10m), [new MarginTier(Money.Zero, 40)]);
        var snapshot = new MarketSnapshot(spec, Price.Parse("100000"), Price.Parse("100000"), Rate.Zero, DateTimeOffset.UnixEpoch, false);
        return new MarketListing(new MarketOffering(new MarketId(symbol), 10, 40, ["sim"]), snapshot, [.. modes], Rate.Zero, Rate.Zero);
    }

    private static TradePageModel Page(OperatorSite site, IReadOnlyList<MarketListing> markets, string? trader = "0x00000000000000000000000000000000000000Aa")
    {
        var visitor = new Visitor(site, trader, true, null, 1);
        if (trader is null)
        {
            return new TradePageModel(visitor, [], null, null, null, null, null, null);
        }

        var selected = markets[0];
        var candles = new List<CandleBar> { new(DateTimeOffset.UnixEpoch, Price.Parse("100"), Price.Parse("110"), Price.Parse("90"), Price.Parse("105"), Quantity.Parse("1"), 3) };
        return new TradePageModel(visitor, markets, new MarketModel(selected, null, [], candles, site.Features),
            new TicketModel(selected, site.Features.LeverageSelector, site.Features.OneClickTrading, PreviewModel.Empty),
            new AccountModel(PositionRowTests.Summary(null), true), new PositionsModel([], null), new HistoryModel([], [], []),
            new RiskModel([.. markets.Select(m => m.Offering.Market.Symbol)], null, null, null));
    }

    [Fact]
    public async Task Every_page_wears_the_operators_brand()
    {
        var html = await Html.RenderAsync<TradePage>(Page(Site(), [Listing("BTC-USD", MarginMode.Cross)], trader: null));

        html.ShouldContain("<title>Trade · Acme Perps</title>");
        html.ShouldContain("--brand-primary:#aa0011;");
        html.ShouldContain("--brand-font:Georgia;");
        html.ShouldContain("Trade the future");
        html.ShouldContain("data-testid=\"brand-name\">Acme Perps<");
    }

    [Fact]
    public async Task A_visitor_sees_the_sign_in_with_a_clearly_labelled_demo_wallet_and_no_trading()
    {
        var html = await Html.RenderAsync<TradePage>(Page(Site(), [Listing("BTC-USD", MarginMode.Cross)], trader: null));

        html.ShouldContain("Sign in to Acme Perps");
        html.ShouldContain("Demo wallet");
        html.ShouldContain("holds no real funds");
        html.ShouldNotContain("data-testid=\"order-form\"");
    }

    [Fact]
    public async Task Only_the_offered_markets_and_margin_modes_are_shown()
    {
        var html = await Html.RenderAsync<TradePage>(Page(Site(), [Listing("BTC-USD", MarginMode.Isolated), Listing("ETH-USD", MarginMode.Isolated)]));

        html.ShouldContain("data-testid=\"trader-address\" title=\"0x00000000000000000000000000000000000000Aa\"");
        MarketLinks().Matches(html).Select(m => m.Groups[1].Value).ShouldBe(["BTC-USD", "ETH-USD"]);
        html.ShouldContain("value=\"isolated\"");
        html.ShouldNotContain("value=\"cross\"");
    }

    [Fact]
    public async Task Features_the_operator_switched_off_are_not_rendered()
    {
        var off = new FeatureFlags(OrderBook: false, Chart: false, OneClickTrading: true, LeverageSelector: false, Leaderboard: false);
        var on = await Html.RenderAsync<TradePage>(Page(Site(), [Listing("BTC-USD", MarginMode.Cross)]));
        var html = await Html.RenderAsync<TradePage>(Page(Site(features: off), [Listing("BTC-USD", MarginMode.Cross)]));

        on.ShouldContain("data-panel=\"book\"");
        on.ShouldContain("data-panel=\"chart\"");
        on.ShouldContain("name=\"leverage\"");
        on.ShouldContain("name=\"confirm\"");
        html.ShouldNotContain("data-panel=\"book\"");
        html.ShouldNotContain("data-panel=\"chart\"");
        html.ShouldNotContain("name=\"leverage\"");
        html.ShouldNotContain("name=\"confirm\""); // one-click: no confirmation step
    }

    [Fact]
    public async Task Every_input_has_a_label_and_every_button_a_name()
    {
        var html = await Html.RenderAsync<TradePage>(Page(Site(), [Listing("BTC-USD", MarginMode.Cross, MarginMode.Isolated)]));

        foreach (Match input in IdentifiedInputs().Matches(html))
        {
            html.ShouldContain($"for=\"{input.Groups[1].Value}\"", customMessage: $"input {input.Groups[1].Value} has no label");
        }

        foreach (Match button in Buttons().Matches(html))
        {
            (button.Groups[2].Value.Trim().Length > 0 || button.Groups[1].Value.Contains("aria-label", StringComparison.Ordinal)).ShouldBeTrue(button.Value);
        }

        html.ShouldContain("aria-live=\"polite\"");
    }

    [Fact]
    public async Task The_ticket_shows_tick_and_lot_hints_from_the_market_spec()
    {
        var html = await Html.RenderAsync<TradePage>(Page(Site(), [Listing("BTC-USD", MarginMode.Cross)]));

        html.ShouldContain("Lot size 0.001");
        html.ShouldContain("Tick size 0.1");
    }

    [Fact]
    public async Task A_refusal_shows_the_servers_field_code_and_message()
    {
        var refusal = ApiError.Precondition("leverage", "leverage_above_max", "leverage 50 is above the market's max 40");

        var html = await Html.RenderAsync<PreviewPanel>(new PreviewModel(null, refusal));

        html.ShouldContain("role=\"alert\"");
        html.ShouldContain("data-field=\"leverage\"");
        html.ShouldContain("leverage 50 is above the market&#x27;s max 40");
        html.ShouldContain("(leverage_above_max)");
    }

    [Fact]
    public async Task Positions_show_liquidation_price_and_an_alert_in_a_live_region()
    {
        var view = PositionRowTests.Isolated(10000m, -1000m, 1237.5m) with
        {
            LiquidationPrice = new Domain.Margin.LiquidationPrice(Price.Parse("91139.24"), null, 0, false),
        };
        var rows = PositionRow.Of([new PositionDetail(view, null, null)], PositionRowTests.Summary(null), Rate.Parse("0.1"));

        var html = await Html.RenderAsync<PositionsPanel>(new PositionsModel(rows, Rate.Parse("0.1")));

        html.ShouldContain("data-testid=\"position-liquidation\">91139.24<");
        html.ShouldContain("role=\"alert\"");
        html.ShouldContain("Margin ratio of BTC-USD (isolated) is 13.75%, at or above your alert of 10%.");
    }

    [Fact]
    public async Task The_chart_draws_one_svg_candle_per_bar()
    {
        var html = await Html.RenderAsync<TradePage>(Page(Site(), [Listing("BTC-USD", MarginMode.Cross)]));

        html.ShouldContain("<svg");
        Regex.Matches(html, "data-testid=\"candle\"").Count.ShouldBe(1);
        html.ShouldContain("open 100 high 110 low 90 close 105");
    }

    [Fact]
    public async Task An_unknown_host_gets_a_clear_not_found_page()
    {
        var html = await Html.RenderAsync<NotFoundPage>(new Dictionary<string, object?> { ["Host"] = "nobody.example" });

        html.ShouldContain("404");
        html.ShouldContain("No operator serves <strong data-testid=\"unknown-host\">nobody.example</strong>");
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [GeneratedRegex("data-testid=\"market-link\"[^>]*>([A-Z-]+)<")]
    private static partial Regex MarketLinks();

    [GeneratedRegex("<(?:input|select|textarea)[^>]*\\sid=\"([^\"]+)\"")]
    private static partial Regex IdentifiedInputs();

    [GeneratedRegex("<button([^>]*)>([^<]*)</button>")]
    private static partial Regex Buttons();
}
