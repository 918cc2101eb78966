using PerpStudio.Api.Errors;
using PerpStudio.Domain.Primitives;
using PerpStudio.Web.Console;

namespace PerpStudio.Web.Tests.Console;

public sealed class ConsoleFormsTests
{
    [Fact]
    public void Tier_lines_read_back_what_the_form_shows()
    {
        var tiers = ConsoleForms.Tiers("1000000 0.00005 0.0003\n\n 5000000   0 0.0002 ");
        tiers.Length.ShouldBe(2);
        tiers[1].MinVolume.ShouldBe(Money.Of(5_000_000m));
        tiers[1].MakerMarkup.ShouldBe(Rate.Zero);
        ConsoleForms.TierLines(tiers).ShouldBe("1000000 0.00005 0.0003\n5000000 0 0.0002");
        ConsoleForms.Tiers(null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1000000 0.0001", "fees.volume_tiers[0]", "tier_line_invalid")]
    [InlineData("1000000 0.0001 0.0003\nlots 0 0", "fees.volume_tiers[1].min_volume", null)]
    [InlineData("1000000 abc 0.0003", "fees.volume_tiers[0].maker_markup", null)]
    public void A_malformed_tier_line_names_its_field(string text, string field, string? code)
    {
        var refused = Should.Throw<ApiException>(() => ConsoleForms.Tiers(text));
        refused.Error.Field.ShouldBe(field);
        if (code is not null)
        {
            refused.Error.Code.ShouldBe(code);
        }
    }

    [Fact]
    public void The_revenue_filter_reads_days_and_a_market_and_refuses_a_malformed_day()
    {
        var fields = new Dictionary<string, string?> { ["from"] = "2026-03-01", ["to"] = "", ["market"] = "eth-usd" };
        var filter = ConsoleForms.Revenue(name => fields.GetValueOrDefault(name));
        filter.From.ShouldBe(new DateOnly(2026, 3, 1));
        filter.To.ShouldBeNull();
        filter.Market!.Value.Symbol.ShouldBe("ETH-USD");

        fields["to"] = "03/02/2026";
        var refused = Should.Throw<ApiException>(() => ConsoleForms.Revenue(name => fields.GetValueOrDefault(name)));
        refused.Error.Field.ShouldBe("to");
        refused.Error.Code.ShouldBe("day_invalid");
    }
}
