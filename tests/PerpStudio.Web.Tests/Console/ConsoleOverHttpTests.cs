using System.Net;
using System.Text;
using PerpStudio.Api.Application;
using PerpStudio.Api.Operators;

namespace PerpStudio.Web.Tests.Console;

public sealed class ConsoleOverHttpTests : IClassFixture<ConsoleSite>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1];

    private readonly ConsoleSite _site;

    public ConsoleOverHttpTests(ConsoleSite site) => _site = site;

    [Fact]
    public async Task A_logo_uploaded_in_the_console_is_served_at_a_cache_busting_url_and_worn_by_the_pages()
    {
        var cookie = await _site.ConsoleCookieAsync();
        var html = await _site.UploadAsync(cookie, "logo", Png, "logo.png", "application/octet-stream");
        html.ShouldContain("Logo uploaded.");
        var svg = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><circle cx=\"8\" cy=\"8\" r=\"7\"/></svg>");
        (await _site.UploadAsync(cookie, "favicon", svg, "icon.svg", "image/svg+xml")).ShouldContain("Favicon uploaded.");

        var branding = (await _site.Service<OperatorAdminService>().GetOperatorAsync(CallerContext.OperatorAdmin("brandco", "test"))).Profile.Branding;
        branding.LogoUrl.ShouldStartWith("/_ps/brand/logo?v=");

        // the brand form carries the uploaded image's URL back unchanged: saving it keeps the image
        var save = _site.Request(HttpMethod.Post, "/_ps/console/branding", cookie);
        save.Content = new FormUrlEncodedContent(
        [
            new("display_name", "Brand Co"), new("tagline", "Now with a logo"), new("logo_url", branding.LogoUrl), new("favicon_url", branding.FaviconUrl),
            new("primary_color", "#1f6feb"), new("accent_color", "#f0b90b"), new("background_color", "#0b0e11"), new("font_family", "system-ui"),
        ]);
        using (var saved = await _site.SendAsync(save))
        {
            (await saved.Content.ReadAsStringAsync()).ShouldContain("Brand saved.");
        }

        using var logo = await _site.SendAsync(_site.Request(HttpMethod.Get, branding.LogoUrl, fromPageScript: false));
        logo.StatusCode.ShouldBe(HttpStatusCode.OK);
        logo.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await logo.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        logo.Headers.CacheControl!.ToString().ShouldContain("immutable");
        logo.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");

        using var unversioned = await _site.SendAsync(_site.Request(HttpMethod.Get, "/_ps/brand/logo", fromPageScript: false));
        unversioned.Headers.CacheControl!.NoCache.ShouldBeTrue();

        using var icon = await _site.SendAsync(_site.Request(HttpMethod.Get, branding.FaviconUrl, fromPageScript: false));
        icon.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        icon.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");

        using var page = await _site.SendAsync(_site.Request(HttpMethod.Get, "/", fromPageScript: false));
        var body = await page.Content.ReadAsStringAsync();
        body.ShouldContain($"<img class=\"logo\" src=\"{branding.LogoUrl.Replace("&", "&amp;", StringComparison.Ordinal)}\"");
        body.ShouldContain($"<link rel=\"icon\" href=\"{branding.FaviconUrl}\"");
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "svg_script_refused")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"java&#x09;script:alert(1)\"><text>x</text></a></svg>", "svg_script_refused")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><image onerror=\"alert(1)\" href=\"x\"/></svg>", "svg_event_handler_refused")]
    [InlineData("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>", "svg_not_well_formed")]
    [InlineData("<html><body>not an image</body></html>", "svg_invalid")]
    public async Task A_refused_image_shows_the_server_s_reason_in_the_console_and_changes_nothing(string content, string code)
    {
        var cookie = await _site.ConsoleCookieAsync();
        var before = (await _site.Service<OperatorAdminService>().GetOperatorAsync(CallerContext.OperatorAdmin("brandco", "test"))).Profile;
        var html = await _site.UploadAsync(cookie, "favicon", Encoding.UTF8.GetBytes(content), "icon.svg", "image/svg+xml");
        html.ShouldContain("data-testid=\"refusal\"");
        html.ShouldContain(code);
        var after = (await _site.Service<OperatorAdminService>().GetOperatorAsync(CallerContext.OperatorAdmin("brandco", "test"))).Profile;
        after.Branding.ShouldBe(before.Branding);
    }

    [Fact]
    public async Task An_image_over_the_size_cap_is_refused_before_it_is_stored()
    {
        var cookie = await _site.ConsoleCookieAsync();
        var big = new byte[BrandAssetRules.MaxBytes + 1];
        Png.CopyTo(big, 0);
        var html = await _site.UploadAsync(cookie, "logo", big, "big.png", "image/png");
        html.ShouldContain("asset_too_large");
        html.ShouldContain("262145 bytes");
    }

    [Fact]
    public async Task A_visitor_from_a_blocked_region_is_told_plainly_and_stays_signed_out()
    {
        await _site.Service<OperatorAdminService>().UpdateDomainsAsync(CallerContext.OperatorAdmin("brandco", "test"), "brandco", [], ["US"], blockUnknownRegion: false);
        var blocked = _site.Request(HttpMethod.Post, "/_ps/signin/demo");
        blocked.Headers.Add("CF-IPCountry", "US");
        blocked.Content = new FormUrlEncodedContent([]);
        using var refused = await _site.SendAsync(blocked);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("not available in your region (US)");
        refused.Headers.Contains("X-PS-Reload").ShouldBeFalse();
        refused.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue();
        cookies!.ShouldNotContain(c => c.StartsWith("ps_session=", StringComparison.Ordinal));

        var allowed = _site.Request(HttpMethod.Post, "/_ps/signin/demo");
        allowed.Headers.Add("CF-IPCountry", "FR");
        allowed.Content = new FormUrlEncodedContent([]);
        using var signedIn = await _site.SendAsync(allowed);
        signedIn.Headers.Contains("X-PS-Reload").ShouldBeTrue();
        signedIn.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("ps_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_fees_form_saves_separate_markups_and_tiers_and_shows_a_bad_tier_s_field()
    {
        var cookie = await _site.ConsoleCookieAsync();
        var save = _site.Request(HttpMethod.Post, "/_ps/console/fees", cookie);
        save.Content = new FormUrlEncodedContent(
        [
            new("maker_markup", "0.0001"), new("taker_markup", "0.0004"), new("platform_share", "0.2"), new("referral_rebate", "0.1"),
            new("volume_tiers", "1000000 0.00005 0.0003\n5000000 0 0.0002"), new("referrals", ""),
        ]);
        using var saved = await _site.SendAsync(save);
        var html = await saved.Content.ReadAsStringAsync();
        html.ShouldContain("Fees saved.");
        html.ShouldContain("1000000 0.00005 0.0003");
        var fees = (await _site.Service<OperatorAdminService>().GetOperatorAsync(CallerContext.OperatorAdmin("brandco", "test"))).Trading.Fees;
        fees.Schedule().Taker.ShouldBe(Domain.Primitives.Rate.Parse("0.0004"));
        fees.VolumeTiers.Length.ShouldBe(2);

        var bad = _site.Request(HttpMethod.Post, "/_ps/console/fees", cookie);
        bad.Content = new FormUrlEncodedContent(
        [
            new("maker_markup", "0.0001"), new("taker_markup", "0.0004"), new("platform_share", "0.2"),
            new("volume_tiers", "5000000 0.00005 0.0003\n1000000 0 0.0002"),
        ]);
        using var refused = await _site.SendAsync(bad);
        var refusal = await refused.Content.ReadAsStringAsync();
        refusal.ShouldContain("volume_tiers_not_ascending");
        refusal.ShouldContain("fees.volume_tiers[1].min_volume");
        (await _site.Service<OperatorAdminService>().GetOperatorAsync(CallerContext.OperatorAdmin("brandco", "test"))).Trading.Fees.VolumeTiers.Length.ShouldBe(2);
    }

    [Fact]
    public async Task A_referral_code_given_at_the_demo_sign_in_sets_the_trader_s_referrer()
    {
        var admin = _site.Service<OperatorAdminService>();
        var op = CallerContext.OperatorAdmin("brandco", "test");
        var referrer = Ethereum.PrivateKey.Generate().Address.ToLowerHex();
        await admin.SetFeesAsync(op, new FeeScheduleInput(Domain.Primitives.Rate.Zero, Domain.Primitives.Rate.Zero, Domain.Primitives.Rate.Parse("1"), Domain.Primitives.Rate.Zero),
            [new ReferralCodeEntry("FRIEND-1", referrer)]);

        var unknown = _site.Request(HttpMethod.Post, "/_ps/signin/demo");
        unknown.Content = new FormUrlEncodedContent([new("referral_code", "NOBODY")]);
        using var refused = await _site.SendAsync(unknown);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("referral_code_unknown");

        var known = _site.Request(HttpMethod.Post, "/_ps/signin/demo");
        known.Content = new FormUrlEncodedContent([new("referral_code", "friend-1")]);
        using var signedIn = await _site.SendAsync(known);
        signedIn.Headers.Contains("X-PS-Reload").ShouldBeTrue();

        var (users, _) = await admin.ListUsersAsync(op, 0, 100);
        var grains = _site.Service<Runtime.IGrainFactory>();
        var referred = 0;
        foreach (var user in users)
        {
            var info = await grains.GetGrain<Grains.Abstractions.IReferralAccountGrain>(Grains.Abstractions.GrainKeys.Account("brandco", user.User.Trader)).GetReferrerAsync();
            if (info is not null)
            {
                info.ReferrerAccountKey.ShouldBe(Grains.Abstractions.GrainKeys.Account("brandco", referrer));
                info.Code.ShouldBe("FRIEND-1");
                referred++;
            }
        }

        referred.ShouldBe(1);
    }

    [Fact]
    public async Task A_viewer_key_signs_in_to_the_console_and_its_changes_are_refused_with_the_reason()
    {
        var owner = CallerContext.OperatorAdmin("brandco", "test");
        var admin = _site.Service<OperatorAdminService>();
        var created = await admin.CreateApiKeyAsync(owner, "accounting", ApiScopes.Read, null);
        var before = (await admin.GetOperatorAsync(owner)).Profile.Version;

        var signIn = _site.Request(HttpMethod.Post, "/_ps/console/signin");
        signIn.Content = new FormUrlEncodedContent([new("api_key", created.Secret)]);
        using var signedIn = await _site.SendAsync(signIn);
        signedIn.StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ps_console=", StringComparison.Ordinal)).Split(';')[0];

        var save = _site.Request(HttpMethod.Post, "/_ps/console/fees", cookie);
        save.Content = new FormUrlEncodedContent([new("maker_markup", "0.001"), new("taker_markup", "0.001"), new("platform_share", "0.2")]);
        using var refused = await _site.SendAsync(save);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("scope_missing");
        (await admin.GetOperatorAsync(owner)).Profile.Version.ShouldBe(before);
    }
}
