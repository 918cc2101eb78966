using Microsoft.Playwright;
using PerpStudio.Api.Application;
using PerpStudio.Ethereum;
using PerpStudio.Grains.Leaderboard;
using static Microsoft.Playwright.Assertions;

namespace PerpStudio.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LeaderboardBrowserTests(WebPlatform platform)
{
    [Fact]
    public async Task Browser_the_leaderboard_is_shown_only_where_the_operator_turned_it_on_and_ranks_the_traders_fills()
    {
        // acme keeps it off: the page is not there
        var page = await platform.NewPageAsync();
        var missing = await page.GotoAsync(platform.Url("acme", "/leaderboard"));
        missing!.Status.ShouldBe(404);
        await Expect(page.GetByTestId("leaderboard-row")).ToHaveCountAsync(0);

        var admin = platform.Service<OperatorAdminService>();
        var demoAdmin = CallerContext.OperatorAdmin("demo", "web-tests");
        var before = await admin.GetOperatorAsync(demoAdmin);
        await admin.SetFeaturesAsync(demoAdmin, before.Profile.Features with { Leaderboard = true }, before.Trading.DemoDeposits);
        try
        {
            await page.GotoAsync(platform.Url("demo"));
            await page.GetByTestId("demo-sign-in").ClickAsync();
            await Expect(page.GetByTestId("trader-address")).ToBeVisibleAsync();
            var trader = CallerContext.TraderSession("demo", EthereumAddress.Parse((await page.GetByTestId("trader-address").GetAttributeAsync("title"))!), "web-tests");
            await page.GetByTestId("demo-deposit").ClickAsync();
            await Expect(page.GetByTestId("equity")).Not.ToHaveTextAsync("0");

            // a round trip: open from the ticket, close with the position's button
            var ticket = page.GetByTestId("order-form");
            await ticket.GetByLabel("Cross").CheckAsync();
            await ticket.GetByLabel("Size (BTC)").FillAsync("0.01");
            await ticket.GetByLabel("I have checked the figures above").CheckAsync();
            await page.GetByTestId("place-order").ClickAsync();
            var position = page.Locator("[data-testid=position][data-market=BTC-USD]");
            await Expect(position).ToBeVisibleAsync();
            await position.GetByTestId("close-position").ClickAsync();
            await Expect(page.GetByTestId("position")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("fill")).ToHaveCountAsync(2);
            await platform.Service<LeaderboardFeed>().Idle.WaitAsync(TimeSpan.FromSeconds(20));

            await page.GetByTestId("leaderboard-link").ClickAsync();
            var mine = page.GetByTestId("leaderboard-row").Filter(new() { HasText = "(you)" });
            await Expect(mine).ToHaveCountAsync(1);
            var expected = (await platform.Service<MarketDataService>().GetLeaderboardAsync(trader, LeaderboardWindow.Day, LeaderboardRanking.RealizedPnl, 50))
                .Rows.Single(r => r.Trader == trader.TraderId);
            await Expect(mine.GetByTestId("leaderboard-pnl")).ToHaveTextAsync(expected.RealizedPnl.ToString());
            await Expect(mine.GetByTestId("leaderboard-volume")).ToHaveTextAsync(expected.Volume.ToString());
            await Expect(mine.Locator("abbr")).ToHaveAttributeAsync("title", trader.TraderId!);
            await WebPlatform.ScreenshotAsync(page, "leaderboard-desktop");

            await page.GetByTestId("leaderboard-ranking").Filter(new() { HasText = "Volume" }).ClickAsync();
            await Expect(page.GetByTestId("leaderboard-ranking").Filter(new() { HasText = "Volume" })).ToHaveAttributeAsync("aria-current", "true");
            await page.GetByRole(AriaRole.Link, new() { Name = "All time" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All time" })).ToHaveAttributeAsync("aria-current", "true");
            await Expect(page.GetByTestId("leaderboard-row").Filter(new() { HasText = "(you)" })).ToHaveCountAsync(1);
            await page.SetViewportSizeAsync(390, 844);
            await WebPlatform.ScreenshotAsync(page, "leaderboard-phone");
        }
        finally
        {
            await admin.SetFeaturesAsync(demoAdmin, before.Profile.Features, before.Trading.DemoDeposits);
            await page.Context.CloseAsync();
        }
    }
}
