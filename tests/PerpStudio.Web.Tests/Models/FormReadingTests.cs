using System.Collections.Immutable;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Web.Console;
using PerpStudio.Web.Endpoints;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Tests.Models;

public sealed class FormReadingTests
{
    private static readonly OperatorConfig Config = new("op", 1, [new MarketOffering(new MarketId("BTC-USD"), 10, 40, ["sim-a", "sim-b"])],
        true, true, OperatorFees.None, OperatorRisk.Default, true);

    [Fact]
    public void A_stress_form_gives_each_markets_shock_and_one_funding_shock_for_all()
    {
        var scenario = RiskEndpoints.Scenario(
            [new("shock:BTC-USD", "-12.5"), new("shock:ETH-USD", ""), new("funding_rate", "0.01"), new("funding_hours", "24")], ["BTC-USD", "ETH-USD"]);

        scenario.PriceShocks.ShouldHaveSingleItem().Value.ShouldBe(Rate.Parse("-0.125"));
        scenario.HourlyFundingRates.Count.ShouldBe(2);
        scenario.HourlyFundingRates[new MarketId("ETH-USD")].ShouldBe(Rate.Parse("0.0001"));
        scenario.FundingHours.ShouldBe(24);
    }

    [Fact]
    public void A_malformed_shock_names_its_market()
    {
        Should.Throw<ApiException>(() => RiskEndpoints.Scenario([new("shock:BTC-USD", "ten")], ["BTC-USD"])).Error.Field.ShouldBe("shock:BTC-USD");
    }

    [Fact]
    public void Market_lines_keep_known_venues_and_give_new_markets_the_operators_venues()
    {
        var markets = ConsoleForms.Markets("BTC-USD 5 20 isolated\nsol-usd 3 10 both", Config);

        markets.Count.ShouldBe(2);
        markets[0].Offering.ShouldBe(new MarketOffering(new MarketId("BTC-USD"), 5, 20, Config.Markets[0].Venues));
        markets[0].Modes.ShouldBe([MarginMode.Isolated]);
        markets[1].Offering.Market.Symbol.ShouldBe("SOL-USD");
        markets[1].Modes.ShouldBe([MarginMode.Cross, MarginMode.Isolated]);
    }

    [Theory]
    [InlineData("BTC-USD 5", "markets[0]")]
    [InlineData("BTC-USD five 20", "markets[0].default_leverage")]
    [InlineData("BTC-USD 5 20 portfolio", "markets[0].modes")]
    public void A_malformed_market_line_names_the_line_and_field(string text, string field)
    {
        Should.Throw<ApiException>(() => ConsoleForms.Markets(text, Config)).Error.Field.ShouldBe(field);
    }

    [Fact]
    public void The_markets_form_shows_what_it_reads_back()
    {
        var view = new OperatorView(new OperatorProfile
        {
            MarketModes = ImmutableDictionary<string, ImmutableArray<MarginMode>>.Empty.Add("BTC-USD", [MarginMode.Isolated]),
        }, Config);

        var text = ConsoleForms.MarketLines(view);

        text.ShouldBe("BTC-USD 10 40 isolated");
        ConsoleForms.Markets(text, Config)[0].Offering.ShouldBe(Config.Markets[0]);
    }

    [Fact]
    public void An_admin_role_is_operator_wide_and_given_alone()
    {
        ConsoleForms.Scopes(n => n is "scope_read" or "scope_admin" ? "on" : null).ShouldBe(ApiScopes.Admin);
        ConsoleForms.Scopes(n => n is "scope_read" or "scope_trade" ? "on" : null).ShouldBe(ApiScopes.Read | ApiScopes.Trade);
    }

    [Fact]
    public void Referral_lines_need_a_code_and_an_address()
    {
        ConsoleForms.Referrals("FRIEND 0x00000000000000000000000000000000000000aa").ShouldHaveSingleItem()
            .ShouldBe(new ReferralCodeEntry("FRIEND", "0x00000000000000000000000000000000000000aa"));
        Should.Throw<ApiException>(() => ConsoleForms.Referrals("FRIEND nobody")).Error.Field.ShouldBe("referral_codes[0]");
    }

    [Fact]
    public void Brand_css_carries_the_operators_colours_and_font()
    {
        var css = BrandStyle.Css(BrandingProfile.Default with { PrimaryColor = "#AA0011", FontFamily = "Georgia, serif" });

        css.ShouldContain("--brand-primary:#aa0011;");
        css.ShouldContain("--brand-font:Georgia, serif;");
    }

    [Fact]
    public void Brand_css_cannot_be_broken_out_of()
    {
        var css = BrandStyle.Css(BrandingProfile.Default with { PrimaryColor = "red;}body{display:none", FontFamily = "x;}</style><script>" });

        css.ShouldContain($"--brand-primary:{BrandingProfile.Default.PrimaryColor};");
        css.ShouldContain("--brand-font:system-ui;");
        css.ShouldNotContain("<");
    }
}
