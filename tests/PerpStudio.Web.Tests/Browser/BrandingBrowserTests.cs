using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PerpStudio.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class BrandingBrowserTests(WebPlatform platform)
{
    [Fact]
    public async Task Browser_two_operators_on_two_host_names_show_their_own_branding()
    {
        var demo = await platform.NewPageAsync();
        var acme = await platform.NewPageAsync();

        await demo.GotoAsync(platform.Url("demo"));
        await acme.GotoAsync(platform.Url("acme"));

        await Expect(demo.GetByTestId("brand-name")).ToHaveTextAsync("Demo Exchange");
        await Expect(acme.GetByTestId("brand-name")).ToHaveTextAsync("Acme Perps");
        await Expect(acme.GetByTestId("tagline")).ToHaveTextAsync("Built for acme traders");
        await Expect(demo).ToHaveTitleAsync("Trade · Demo Exchange");
        await Expect(demo.Locator("header.brand-header")).ToHaveCSSAsync("background-color", "rgb(31, 111, 235)");
        await Expect(acme.Locator("header.brand-header")).ToHaveCSSAsync("background-color", "rgb(139, 30, 63)");
        await Expect(acme.Locator("body")).ToHaveCSSAsync("font-family", "Georgia, serif, system-ui, sans-serif");
        await WebPlatform.ScreenshotAsync(demo, "branding-demo-signed-out");
        await WebPlatform.ScreenshotAsync(acme, "branding-acme-signed-out");
        await demo.Context.CloseAsync();
        await acme.Context.CloseAsync();
    }

    [Fact]
    public async Task Browser_an_unknown_host_gets_a_clear_404_page()
    {
        var page = await platform.NewPageAsync();

        var response = await page.GotoAsync(platform.Url("nobody"));

        response!.Status.ShouldBe(404);
        await Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("404 · No exchange at this address");
        await Expect(page.GetByTestId("unknown-host")).ToHaveTextAsync($"nobody.{WebPlatform.Domain}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Browser_an_operator_changes_its_colours_and_the_open_trading_page_follows()
    {
        var trading = await platform.NewPageAsync();
        await trading.GotoAsync(platform.Url("acme"));
        await Expect(trading.Locator("header.brand-header")).ToHaveCSSAsync("background-color", "rgb(139, 30, 63)");

        var console = await platform.NewPageAsync();
        await console.GotoAsync(platform.Url("acme", "/console"));
        await console.GetByLabel("Admin API key").FillAsync(platform.AcmeAdminKey);
        await console.GetByTestId("console-sign-in").ClickAsync();
        await Expect(console.GetByLabel("Primary colour")).ToHaveValueAsync("#8b1e3f");
        await console.GetByLabel("Primary colour").FillAsync("#0f766e");
        await console.GetByLabel("Tagline").FillAsync("Now in teal");
        await console.GetByTestId("save-branding").ClickAsync();
        await Expect(console.GetByTestId("console-notice")).ToHaveTextAsync("Brand saved.");
        await Expect(console.GetByTestId("audit-entry").First).ToContainTextAsync("UpdateBranding");
        await WebPlatform.ScreenshotAsync(console, "console-acme");

        // the open page was not reloaded: its live events brought the new brand
        await Expect(trading.Locator("header.brand-header")).ToHaveCSSAsync("background-color", "rgb(15, 118, 110)");
        await Expect(trading.GetByTestId("tagline")).ToHaveTextAsync("Now in teal");
        await WebPlatform.ScreenshotAsync(trading, "branding-acme-after-colour-change");

        // a refused change names the field and leaves the brand as it was
        await console.GetByLabel("Primary colour").FillAsync("teal");
        await console.GetByTestId("save-branding").ClickAsync();
        await Expect(console.GetByTestId("refusal")).ToContainTextAsync("primary_color 'teal' is not #rrggbb");
        await Expect(console.GetByLabel("Primary colour")).ToHaveValueAsync("#0f766e");
        await trading.Context.CloseAsync();

        // put the brand back for the other tests of this platform
        await console.GetByLabel("Primary colour").FillAsync("#8b1e3f");
        await console.GetByLabel("Tagline").FillAsync("Built for acme traders");
        await console.GetByTestId("save-branding").ClickAsync();
        await Expect(console.GetByTestId("console-notice")).ToHaveTextAsync("Brand saved.");
        await console.Context.CloseAsync();
    }

    [Fact]
    public async Task Browser_a_logo_uploaded_in_the_console_appears_in_the_header_and_the_revenue_table_is_shown()
    {
        // an operator of its own, so the other tests' headers keep their monograms
        var admin = platform.Service<Api.Application.OperatorAdminService>();
        await admin.CreateOperatorAsync(Api.Application.CallerContext.Platform("web-tests"), "logoco",
            Api.Operators.BrandingProfile.Default with { DisplayName = "Logo Co" }, "logoco");
        var key = (await admin.CreateApiKeyAsync(Api.Application.CallerContext.OperatorAdmin("logoco", "web-tests"), "console", Api.Application.ApiScopes.Admin, null)).Secret;

        var console = await platform.NewPageAsync();
        await console.GotoAsync(platform.Url("logoco", "/console"));
        await console.GetByLabel("Admin API key").FillAsync(key);
        await console.GetByTestId("console-sign-in").ClickAsync();
        await Expect(console.GetByTestId("revenue-table")).ToBeVisibleAsync();
        await console.GetByLabel("Logo image").SetInputFilesAsync(new FilePayload
        {
            Name = "logo.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGPgL8sDIgYIBQAZJgPNYghy3gAAAABJRU5ErkJggg=="),
        });
        await console.GetByTestId("upload-logo").ClickAsync();
        await Expect(console.GetByTestId("console-notice")).ToHaveTextAsync("Logo uploaded.");
        await Expect(console.GetByTestId("audit-entry").First).ToContainTextAsync("UploadBrandAsset");

        var trading = await platform.NewPageAsync();
        await trading.GotoAsync(platform.Url("logoco"));
        var logo = trading.Locator("header.brand-header img.logo");
        await Expect(logo).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/_ps/brand/logo\\?v=[0-9a-f]{16}$"));
        await Expect(logo).ToHaveJSPropertyAsync("naturalWidth", 2); // decoded from the bytes the site serves
        await console.Context.CloseAsync();
        await trading.Context.CloseAsync();
    }
}
