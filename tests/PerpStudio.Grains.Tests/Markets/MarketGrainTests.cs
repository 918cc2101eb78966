using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Markets;
using PerpStudio.Grains.Tests.Liquidation;

namespace PerpStudio.Grains.Tests.Markets;

public sealed class MarketGrainTests
{
    [Fact]
    public async Task A_bad_source_is_discarded_and_reported_and_the_snapshot_keeps_the_median_of_the_good_ones()
    {
        await using var silo = await RiskSilo.StartAsync();
        var feed = silo.MarketFeed(RiskSilo.Btc);
        var now = silo.Clock.GetUtcNow();
        foreach (var (source, mark) in new[] { ("a", "100000"), ("b", "100020"), ("c", "99990") })
        {
            await feed.ReportPricesAsync(new PriceSourceReading(source, Price.Parse(mark), Price.Parse(mark), Rate.Zero, now));
        }

        var bad = await feed.ReportPricesAsync(new PriceSourceReading("bad", Price.Parse("80000"), Price.Parse("80000"), Rate.Zero, now));

        bad.Value.Discarded.ShouldBe(["bad"]);
        var snapshot = await silo.Market(RiskSilo.Btc).GetSnapshotAsync();
        snapshot.Mark.ShouldBe(Price.Parse("100000"));
        snapshot.IsStale.ShouldBeFalse();
        silo.Book.MarkOf(RiskSilo.Btc).ShouldBe(Price.Parse("100000"));
    }

    [Fact]
    public async Task A_reading_that_arrives_after_a_newer_one_of_its_source_is_ignored()
    {
        await using var silo = await RiskSilo.StartAsync();
        var feed = silo.MarketFeed(RiskSilo.Eth);
        var now = silo.Clock.GetUtcNow();
        foreach (var source in new[] { "sim-a", "ref-b", "ref-c" })
        {
            await feed.ReportPricesAsync(new PriceSourceReading(source, Price.Parse("3100"), Price.Parse("3100"), Rate.Zero, now));
        }

        var late = await feed.ReportPricesAsync(new PriceSourceReading("sim-a", Price.Parse("2000"), Price.Parse("2000"), Rate.Zero, now - TimeSpan.FromSeconds(1)));

        late.Value.Mark.ShouldBe(Price.Parse("3100"));
        late.Value.Discarded.ShouldBeEmpty();
        (await silo.Market(RiskSilo.Eth).GetSnapshotAsync()).Mark.ShouldBe(Price.Parse("3100"));
    }

    [Fact]
    public async Task Listing_a_spec_that_breaks_the_rules_is_refused_and_keeps_the_listing()
    {
        await using var silo = await RiskSilo.StartAsync();
        var feed = silo.MarketFeed(RiskSilo.Btc);
        var spec = silo.Spec(RiskSilo.Btc) with { TickSize = Price.Zero };

        var refused = await feed.ListAsync(new MarketListing(spec, MarketPriceSettings.Default));
        var wrongMarket = await feed.ListAsync(new MarketListing(silo.Spec(RiskSilo.Eth), MarketPriceSettings.Default));
        var badSettings = await feed.ListAsync(new MarketListing(silo.Spec(RiskSilo.Btc), MarketPriceSettings.Default with { MinSources = 0 }));

        refused.Error!.Field.ShouldBe("tick_size");
        wrongMarket.Error!.Code.ShouldBe("market_mismatch");
        badSettings.Error!.Code.ShouldBe("invalid_price_settings");
        (await silo.Market(RiskSilo.Btc).GetSnapshotAsync()).Spec.ShouldBe(silo.Spec(RiskSilo.Btc));
    }

    [Fact]
    public async Task While_the_mark_is_stale_an_order_that_adds_risk_is_refused_and_fresh_prices_lift_the_refusal()
    {
        await using var silo = await RiskSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(50_000m)));

        // no source reports for longer than the threshold
        silo.Clock.Advance(TimeSpan.FromSeconds(31));
        (await silo.Market(RiskSilo.Btc).GetSnapshotAsync()).IsStale.ShouldBeTrue();
        var refused = await account.PlaceOrderAsync(Order("o1", Side.Buy));
        refused.Error!.Code.ShouldBe("stale_mark");
        (await account.GetOpenOrdersAsync()).ShouldBeEmpty();

        await silo.PriceFromVenueAsync();
        var accepted = await account.PlaceOrderAsync(Order("o2", Side.Buy));
        accepted.Error.ShouldBeNull();
        (await silo.FillsAsync("alice", 1)).Single().Size.ShouldBe(Quantity.Parse("0.01"));
    }

    [Fact]
    public async Task Open_interest_follows_the_positions_the_index_is_told_about()
    {
        await using var silo = await RiskSilo.StartAsync();
        await silo.ConfigureAsync();
        await silo.Account("alice").DepositAsync(new Deposit("d1", Money.Of(50_000m)));
        await silo.Account("bob").DepositAsync(new Deposit("d1", Money.Of(50_000m)));
        await silo.Account("alice").PlaceOrderAsync(Order("o1", Side.Buy));
        await silo.Account("bob").PlaceOrderAsync(Order("o1", Side.Sell, MarginMode.Isolated));
        await silo.FillsAsync("alice", 1);
        await silo.FillsAsync("bob", 1);

        var interest = await silo.MarketFeed(RiskSilo.Btc).GetOpenInterestAsync();

        interest.ShouldBe(new OpenInterest(Quantity.Parse("0.01"), Quantity.Parse("0.01")));
    }

    private static OrderRequest Order(string id, Side side, MarginMode mode = MarginMode.Cross) =>
        new(new ClientOrderId(id), RiskSilo.Btc, side, OrderType.Market, Quantity.Parse("0.01"), null, TimeInForce.Ioc, false, mode, 10);
}
