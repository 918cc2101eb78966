using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PerpStudio.Api.Application;
using PerpStudio.Api.Operators;
using PerpStudio.Api.Tenancy;
using PerpStudio.Host;
using PerpStudio.Testing;

namespace PerpStudio.Web.Tests.Browser;

/// <summary>
/// The real host on free loopback ports with the embedded default (demo operator, simulated venues), two branded
/// operators created through the admin service, and Debian's Chromium resolving *.perpstudio.test to 127.0.0.1.
/// </summary>
public sealed class WebPlatform : IAsyncLifetime
{
    /// <summary>The platform domain the operators' subdomains hang off.</summary>
    public const string Domain = "perpstudio.test";

    private const string PlatformKey = "ps_platform_web_tests_0123456789abcdef";
    private IPlaywright? _playwright;

    /// <summary>The running platform.</summary>
    public PlatformApp Platform { get; private set; } = default!;

    /// <summary>Chromium.</summary>
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The admin API key of the second operator (acme).</summary>
    public string AcmeAdminKey { get; private set; } = string.Empty;

    /// <summary>Where screenshots go.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>The page address on an operator's subdomain.</summary>
    public string Url(string subdomain, string path = "/") => $"http://{subdomain}.{Domain}:{Platform.Options.Web.Port}{path}";

    /// <summary>An application service of the running host.</summary>
    public T Service<T>()
        where T : notnull => Platform.App.Services.GetRequiredService<T>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Platform = await PerpStudioHost.BuildAsync(
        [
            Arg("PerpStudio:Grpc:Port", FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)),
            Arg("PerpStudio:Web:Port", FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)),
            Arg("PerpStudio:Api:PlatformKey", PlatformKey),
            Arg("PerpStudio:Api:PlatformDomain", Domain),
            Arg("PerpStudio:Api:RateLimits:Disabled", "true"),
            Arg("Logging:LogLevel:Default", "Warning"),
        ]);
        await Platform.App.StartAsync();

        // the seeded demo operator gets its profile and brand; acme is created from nothing, as an operator would be
        var admin = Service<OperatorAdminService>();
        var platform = CallerContext.Platform("web-tests");
        var demoBrand = BrandingProfile.Default with
        {
            DisplayName = "Demo Exchange", Tagline = "Perpetuals, demo money", PrimaryColor = "#1f6feb", AccentColor = "#f0b90b", BackgroundColor = "#0b0e11",
        };
        if (await Service<IOperatorResolver>().ExistsAsync("demo"))
        {
            // the seed may already give the demo operator its profile: brand it as an operator would
            await admin.UpdateBrandingAsync(CallerContext.OperatorAdmin("demo", "web-tests"), demoBrand);
        }
        else
        {
            await admin.CreateOperatorAsync(platform, "demo", demoBrand, "demo");
        }

        await admin.CreateOperatorAsync(platform, "acme", BrandingProfile.Default with
        {
            DisplayName = "Acme Perps", Tagline = "Built for acme traders", PrimaryColor = "#8b1e3f", AccentColor = "#22c55e", BackgroundColor = "#101820", FontFamily = "Georgia, serif",
        }, "acme");
        await admin.SetFeaturesAsync(CallerContext.OperatorAdmin("demo", "web-tests"), FeatureFlags.Default, demoDeposits: true);
        var acme = CallerContext.OperatorAdmin("acme", "web-tests");
        var demoMarkets = (await admin.GetOperatorAsync(CallerContext.OperatorAdmin("demo", "web-tests"))).Trading.Markets;
        await admin.SetMarketsAsync(acme, [new OperatorMarketInput(demoMarkets[0], [PerpStudio.Domain.Orders.MarginMode.Isolated])]);
        await admin.SetFeaturesAsync(acme, FeatureFlags.Default with { OrderBook = false }, demoDeposits: true);
        AcmeAdminKey = (await admin.CreateApiKeyAsync(acme, "console", ApiScopes.Admin, null)).Secret;

        Directory.CreateDirectory(Screenshots);

        // fills arrive from the simulated venues through the fill feed: allow them more than the default five seconds
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        // Playwright gives each launch a fresh temporary --user-data-dir of its own
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--host-resolver-rules=MAP *.{Domain} 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh browser context (own cookies) and page.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Platform.App.StopAsync();
        await Platform.DisposeAsync();
    }

    private static string Arg(string key, string value) => $"--{key}={value}";
}

/// <summary>Browser tests share one platform and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<WebPlatform>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Browser";
}
