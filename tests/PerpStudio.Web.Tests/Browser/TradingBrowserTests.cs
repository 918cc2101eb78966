using Microsoft.Playwright;
using PerpStudio.Api.Application;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using static Microsoft.Playwright.Assertions;

namespace PerpStudio.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TradingBrowserTests(WebPlatform platform)
{
    [Fact]
    public async Task Browser_a_trader_signs_in_with_the_demo_wallet_trades_isolated_and_cross_moves_margin_and_closes()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync(platform.Url("demo"));
        await page.GetByTestId("demo-sign-in").ClickAsync();
        await Expect(page.GetByTestId("trader-address")).ToBeVisibleAsync();
        var trader = CallerContext.TraderSession("demo", EthereumAddress.Parse((await page.GetByTestId("trader-address").GetAttributeAsync("title"))!), "web-tests");

        await page.GetByTestId("demo-deposit").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Deposited 10000 USD of demo collateral.");
        await Expect(page.GetByTestId("equity")).ToHaveTextAsync("10000");

        // isolated long: the figures appear before submitting
        var ticket = page.GetByTestId("order-form");
        await ticket.GetByLabel("Isolated").CheckAsync();
        await ticket.GetByLabel("Size (BTC)").FillAsync("0.01");
        await ticket.GetByLabel("Leverage", new() { Exact = false }).FillAsync("10");
        await Expect(page.GetByTestId("preview-margin")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("preview-liquidation")).Not.ToHaveTextAsync("none");
        await WebPlatform.ScreenshotAsync(page, "trading-preview-desktop");
        await ticket.GetByLabel("I have checked the figures above").CheckAsync();
        await page.GetByTestId("place-order").ClickAsync();
        var isolated = page.Locator("[data-testid=position][data-market=BTC-USD][data-mode=isolated]");
        await Expect(isolated).ToBeVisibleAsync();
        await Expect(isolated.GetByTestId("position-size")).ToHaveTextAsync("0.01");

        // the liquidation price on the page is the Domain's for that position
        var position = (await platform.Service<AccountService>().ListPositionsAsync(trader)).Single(p => p.View.Mode == MarginMode.Isolated).View;
        var shown = await isolated.GetByTestId("position-liquidation").TextContentAsync();
        shown.ShouldBe(Formats.Liquidation(await DomainLiquidationAsync(trader, position.Market, position.EntryPrice, position.Size, position.Margin, position.Leverage)));

        // add margin: the new liquidation price is shown before confirming, and the position moves to it
        await isolated.GetByTestId("margin-amount").FillAsync("100");
        await isolated.GetByTestId("margin-preview").ClickAsync();
        var previewed = await page.GetByTestId("liquidation-after").TextContentAsync();
        previewed.ShouldNotBe(shown);
        previewed.ShouldBe(Formats.Liquidation(await DomainLiquidationAsync(trader, position.Market, position.EntryPrice, position.Size, position.Margin + Money.Of(100m), position.Leverage)));
        await page.GetByTestId("margin-confirm").ClickAsync();
        await Expect(isolated.GetByTestId("position-liquidation")).ToHaveTextAsync(previewed!);
        await Expect(isolated.GetByTestId("position-margin")).ToHaveTextAsync((position.Margin + Money.Of(100m)).ToString());

        // cross short in another market
        await page.GetByTestId("market-link").Filter(new() { HasText = "ETH-USD" }).ClickAsync();
        ticket = page.GetByTestId("order-form");
        await ticket.GetByLabel("Cross").CheckAsync();
        await ticket.GetByLabel("Sell / short").CheckAsync();
        await ticket.GetByLabel("Size (ETH)").FillAsync("0.1");
        await ticket.GetByLabel("I have checked the figures above").CheckAsync();
        await page.GetByTestId("place-order").ClickAsync();
        var cross = page.Locator("[data-testid=position][data-market=ETH-USD][data-mode=cross]");
        await Expect(cross.GetByTestId("position-size")).ToHaveTextAsync("-0.1");
        await WebPlatform.ScreenshotAsync(page, "trading-positions-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await WebPlatform.ScreenshotAsync(page, "trading-positions-phone");
        await page.SetViewportSizeAsync(1280, 900);

        // the market's tape: the venues' trades and the candles made of them, updated without reloading
        var trades = page.GetByTestId("trade");
        await Expect(trades.First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("candle").First).ToBeVisibleAsync();
        var newest = await trades.First.GetAttributeAsync("data-time");
        await Expect(trades.First).Not.ToHaveAttributeAsync("data-time", newest!);
        await page.GetByTestId("candle-interval").Filter(new() { HasText = "5m" }).ClickAsync();
        await Expect(page.Locator("[data-panel=chart]")).ToHaveAttributeAsync("data-interval", "5m");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ETH-USD · 5m candles" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("candle").First).ToBeVisibleAsync();
        await WebPlatform.ScreenshotAsync(page, "trading-chart-and-trades");

        await isolated.GetByTestId("close-position").ClickAsync();
        await Expect(page.Locator("[data-panel=notice]")).ToContainTextAsync("Closing BTC-USD");
        await Expect(isolated).ToHaveCountAsync(0);

        // the cross short is closed by its own Close button
        await cross.GetByTestId("close-position").ClickAsync();
        await Expect(page.Locator("[data-panel=notice]")).ToContainTextAsync("Closing ETH-USD");
        await Expect(page.GetByTestId("position")).ToHaveCountAsync(0);
        (await platform.Service<AccountService>().ListPositionsAsync(trader)).ShouldBeEmpty();
        await Expect(page.GetByTestId("fill").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("ledger-entry").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Browser_a_refused_order_shows_the_precise_reason_and_leaves_nothing_behind()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync(platform.Url("demo"));
        await page.GetByTestId("demo-sign-in").ClickAsync();
        await Expect(page.GetByTestId("trader-address")).ToBeVisibleAsync();
        var trader = CallerContext.TraderSession("demo", EthereumAddress.Parse((await page.GetByTestId("trader-address").GetAttributeAsync("title"))!), "web-tests");
        await page.GetByTestId("demo-deposit").ClickAsync();
        await Expect(page.GetByTestId("equity")).ToHaveTextAsync("10000");

        // leverage above the market's cap: the server's reason, word for word, before and after submitting
        var order = new OrderRequest(new ClientOrderId("web:check"), new MarketId("BTC-USD"), Side.Buy, OrderType.Market, Quantity.Parse("0.01"), null, TimeInForce.Ioc, false, MarginMode.Cross, 41);
        var expected = (await platform.Service<RiskService>().PreviewOrderAsync(trader, order)).Refusal!;
        var ticket = page.GetByTestId("order-form");
        await ticket.GetByLabel("Size (BTC)").FillAsync("0.01");
        await ticket.GetByLabel("Leverage", new() { Exact = false }).FillAsync("41");
        var refusal = page.GetByTestId("preview").GetByTestId("refusal");
        await Expect(refusal).ToHaveAttributeAsync("data-field", expected.Field);
        await Expect(refusal).ToContainTextAsync(expected.Message);
        await ticket.GetByLabel("I have checked the figures above").CheckAsync();
        await page.GetByTestId("place-order").ClickAsync();
        await Expect(refusal).ToHaveAttributeAsync("data-code", expected.Code);
        await WebPlatform.ScreenshotAsync(page, "trading-refused-order");

        // a limit price off the tick is refused on the price field
        await ticket.GetByLabel("Leverage", new() { Exact = false }).FillAsync("5");
        await ticket.GetByLabel("Type").SelectOptionAsync("limit");
        await ticket.GetByLabel("Limit price (USD)").FillAsync("1.000000001");
        await Expect(refusal).ToHaveAttributeAsync("data-field", "price");

        (await platform.Service<AccountService>().ListOpenOrdersAsync(trader, null)).ShouldBeEmpty();
        (await platform.Service<AccountService>().ListPositionsAsync(trader)).ShouldBeEmpty();
        await Expect(page.GetByTestId("equity")).ToHaveTextAsync("10000");
        await page.Context.CloseAsync();
    }

    private async Task<LiquidationPrice> DomainLiquidationAsync(CallerContext trader, MarketId market, Price entry, Quantity size, Money margin, int leverage)
    {
        var spec = (await platform.Service<MarketDataService>().ListMarketsAsync(trader)).Single(m => m.Offering.Market == market).Snapshot.Spec;
        var rules = MarketRules.Create(spec).Value;
        var side = size.IsPositive ? Side.Buy : Side.Sell;
        return new IsolatedPosition(market, PerpStudio.Domain.Margin.Position.Open(side, size.Abs(), entry), margin, leverage).LiquidationPrice(rules);
    }
}
