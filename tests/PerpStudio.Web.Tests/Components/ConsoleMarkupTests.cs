using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Web.Components;
using PerpStudio.Web.Console;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Tests.Components;

/// <summary>The operator console rendered to HTML as the server sends it.</summary>
public sealed class ConsoleMarkupTests : IAsyncDisposable
{
    private static readonly DateOnly Day = new(2026, 3, 1);
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    private ComponentHtml Html => new(_services, NullLoggerFactory.Instance);

    private static ConsoleModel Model(ApiError? refusal = null)
    {
        var site = new OperatorSite("acme", BrandingProfile.Default with { DisplayName = "Acme Perps", LogoUrl = "/_ps/brand/logo?v=0123456789abcdef" }, FeatureFlags.Default, 4);
        var fees = new OperatorFees(Rate.Parse("0.0001"), Rate.Zero, Rate.Parse("0.2"))
        {
            TakerMarkup = Rate.Parse("0.0004"),
            VolumeTiers = [new VolumeTier(Money.Of(1_000_000m), Rate.Parse("0.00005"), Rate.Parse("0.0003"))],
            ReferralRebateShare = Rate.Parse("0.1"),
        };
        var trading = new OperatorConfig("acme", 3, [new MarketOffering(new MarketId("BTC-USD"), 10, 20, ["sim"])], true, true, fees, OperatorRisk.Default, true);
        var profile = new OperatorProfile { OperatorId = "acme", Version = 4, Branding = site.Branding, BlockedRegions = ["US"], BlockUnknownRegion = true };
        var rows = ImmutableArray.Create(
            new RevenueRow(Day, new MarketId("BTC-USD"), Money.Of(10_000m), Money.Of(4.5m), Money.Zero, Money.Of(0.2m), Money.Of(0.7m), Money.Of(0.1m), 2),
            new RevenueRow(Day.AddDays(1), new MarketId("ETH-USD"), Money.Of(3_000m), Money.Of(1.35m), Money.Zero, Money.Of(0.06m), Money.Of(0.24m), Money.Zero, 1));
        var report = new RevenueReport(rows, RevenueTotals.Of(rows), Day);
        return new ConsoleModel(site, new OperatorView(profile, trading), [], FeeTotals.Zero, [], refusal)
        {
            Report = new RevenueView(report, FeeTotals.Zero),
            RevenueFilter = new RevenueFilter(Day, null, null),
        };
    }

    [Fact]
    public async Task The_revenue_table_lists_each_market_and_day_with_totals_that_are_the_sum()
    {
        var html = await Html.RenderAsync<ConsolePanel>(Model());

        html.ShouldContain("<tr data-testid=\"revenue-row\"><td>2026-03-01</td><td>BTC-USD</td><td>10000</td><td>5.5</td><td>4.5</td><td>0</td><td>0.2</td><td>0.7</td><td>0.1</td><td>2</td></tr>");
        html.ShouldContain("<tr data-testid=\"revenue-row\"><td>2026-03-02</td><td>ETH-USD</td>");
        html.ShouldContain("<tr data-testid=\"revenue-totals\"><th scope=\"row\" colspan=\"2\">Total</th><td>13000</td><td>7.15</td><td>5.85</td><td>0</td><td>0.26</td><td>0.94</td><td>0.1</td><td>3</td></tr>");
        html.ShouldContain("name=\"from\" type=\"date\" value=\"2026-03-01\"");
    }

    [Fact]
    public async Task The_fees_form_shows_separate_markups_tiers_and_the_referral_rebate()
    {
        var html = await Html.RenderAsync<ConsolePanel>(Model());

        html.ShouldContain("name=\"maker_markup\" value=\"0.0001\"");
        html.ShouldContain("name=\"taker_markup\" value=\"0.0004\"");
        html.ShouldContain(">1000000 0.00005 0.0003</textarea>");
        html.ShouldContain("name=\"referral_rebate\" value=\"0.1\"");
        html.ShouldContain("name=\"block_unknown_region\" checked");
    }

    [Fact]
    public async Task The_image_forms_upload_files_and_preview_the_current_logo()
    {
        var html = await Html.RenderAsync<ConsolePanel>(Model());

        html.ShouldContain("data-post=\"/_ps/console/brand-asset\" enctype=\"multipart/form-data\"");
        html.ShouldContain("<label for=\"u-logo\">Logo image</label>");
        html.ShouldContain("<input id=\"u-favicon\" name=\"image\" type=\"file\"");
        html.ShouldContain("<img class=\"brand-preview\" src=\"/_ps/brand/logo?v=0123456789abcdef\" alt=\"Current logo\"");
    }

    [Fact]
    public async Task A_refusal_names_its_field_and_code()
    {
        var refusal = ApiError.Invalid("fees.volume_tiers[1].min_volume", "volume_tiers_not_ascending", "tier 1 starts at 100, not above the previous tier's 500");
        var html = await Html.RenderAsync<ConsolePanel>(Model(refusal));

        html.ShouldContain("data-field=\"fees.volume_tiers[1].min_volume\" data-code=\"volume_tiers_not_ascending\"");
        html.ShouldContain("tier 1 starts at 100, not above the previous tier&#x27;s 500");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
