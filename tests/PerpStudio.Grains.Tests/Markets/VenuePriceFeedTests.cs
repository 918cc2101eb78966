using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Markets;
using PerpStudio.Grains.Tests.Liquidation;

namespace PerpStudio.Grains.Tests.Markets;

public sealed class VenuePriceFeedTests
{
    [Fact]
    public async Task Polling_reports_each_venue_as_a_source_of_each_market()
    {
        await using var silo = await RiskSilo.StartAsync();
        silo.Exchange.SetReferencePrice(RiskSilo.Btc, Price.Of(101_000m));
        var feed = new VenuePriceFeed([silo.Venue], silo.Runtime);

        var reported = await feed.PollOnceAsync([RiskSilo.Btc, RiskSilo.Eth], CancellationToken.None);

        reported.ShouldBe(2);
        var venueMark = (await silo.Venue.GetMarketPricesAsync(RiskSilo.Btc, CancellationToken.None)).Value.Mark;
        // one of three sources moved: the median still holds the two that did not, and the moved one is within the band
        var aggregate = (await silo.MarketFeed(RiskSilo.Btc).ReportPricesAsync(new PriceSourceReading("ref-b", venueMark, venueMark, Rate.Zero, silo.Clock.GetUtcNow()))).Value;
        aggregate.Kept.ShouldContain("sim-a");
        aggregate.Mark.ShouldBe(venueMark);
    }

    [Fact]
    public void A_rate_per_eight_hours_is_an_eighth_per_hour_rounded_toward_zero()
    {
        VenuePriceFeed.Hourly(Rate.Parse("0.0008"), TimeSpan.FromHours(8)).ShouldBe(Rate.Parse("0.0001"));
        VenuePriceFeed.Hourly(new Rate(-15), TimeSpan.FromHours(8)).ShouldBe(new Rate(-1));
        VenuePriceFeed.Hourly(Rate.Parse("0.0001"), TimeSpan.FromHours(1)).ShouldBe(Rate.Parse("0.0001"));
    }
}
