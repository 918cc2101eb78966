using PerpStudio.Domain.Markets;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Conformance;

/// <summary>Market list, book, prices and health: every venue.</summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class MarketDataConformance<TFactory> : VenueConformance<TFactory>
    where TFactory : IVenueHarnessFactory, new()
{
    [Fact]
    public async Task Markets_are_listed_with_sane_specs_and_venue_symbols()
    {
        var markets = await Venue.GetMarketsAsync(Timeout);

        markets.ShouldNotBeEmpty();
        markets.Select(m => m.Id).Distinct().Count().ShouldBe(markets.Count);
        foreach (var market in markets)
        {
            var spec = market.Spec;
            market.VenueSymbol.ShouldNotBeNullOrWhiteSpace();
            spec.TickSize.IsPositive.ShouldBeTrue($"{spec.Id} tick");
            spec.LotSize.IsPositive.ShouldBeTrue($"{spec.Id} lot");
            spec.MinNotional.IsNegative.ShouldBeFalse($"{spec.Id} minimum notional");
            spec.MarginTiers.ShouldNotBeEmpty();
            spec.MarginTiers[0].LowerBound.IsZero.ShouldBeTrue($"{spec.Id} first tier starts at zero");
            for (var i = 1; i < spec.MarginTiers.Count; i++)
            {
                spec.MarginTiers[i].LowerBound.ShouldBeGreaterThan(spec.MarginTiers[i - 1].LowerBound);
                spec.MarginTiers[i].MaxLeverage.ShouldBeLessThanOrEqualTo(spec.MarginTiers[i - 1].MaxLeverage);
            }

            spec.MaxLeverage.ShouldBeGreaterThanOrEqualTo(1);
            Venue.Capabilities.MaxLeverage.ContainsKey(spec.Id).ShouldBeTrue($"{spec.Id} max leverage");
        }
    }

    [Fact]
    public async Task Capabilities_name_order_types_fees_and_a_funding_interval()
    {
        var capabilities = Venue.Capabilities;

        capabilities.OrderTypes.ShouldNotBeEmpty();
        capabilities.MarginModes.ShouldNotBeEmpty();
        capabilities.FundingInterval.ShouldBeGreaterThan(TimeSpan.Zero);
        capabilities.Fees.Taker.ShouldBeGreaterThanOrEqualTo(capabilities.Fees.Maker);
        (await Venue.GetMarketsAsync(Timeout)).ShouldContain(m => m.Id == Market);
    }

    [Fact]
    public async Task The_book_is_sorted_on_tick_and_uncrossed()
    {
        var book = await BookAsync();

        book.Market.ShouldBe(Market);
        book.Bids.ShouldNotBeEmpty();
        book.Asks.ShouldNotBeEmpty();
        for (var i = 0; i < book.Bids.Count; i++)
        {
            book.Bids[i].Size.IsPositive.ShouldBeTrue();
            (book.Bids[i].Price.Units % Spec.TickSize.Units).ShouldBe(0);
            if (i > 0)
            {
                book.Bids[i].Price.ShouldBeLessThan(book.Bids[i - 1].Price);
            }
        }

        for (var i = 0; i < book.Asks.Count; i++)
        {
            book.Asks[i].Size.IsPositive.ShouldBeTrue();
            (book.Asks[i].Price.Units % Spec.TickSize.Units).ShouldBe(0);
            if (i > 0)
            {
                book.Asks[i].Price.ShouldBeGreaterThan(book.Asks[i - 1].Price);
            }
        }

        book.BestBid!.Value.Price.ShouldBeLessThan(book.BestAsk!.Value.Price);
    }

    [Fact]
    public async Task A_book_depth_limit_is_honoured()
    {
        var book = await Venue.GetOrderBookAsync(Market, 3, Timeout);

        book.IsSuccess.ShouldBeTrue();
        book.Value.Bids.Count.ShouldBeLessThanOrEqualTo(3);
        book.Value.Asks.Count.ShouldBeLessThanOrEqualTo(3);
    }

    [Fact]
    public async Task The_book_feed_delivers_a_snapshot_of_the_market()
    {
        var subscription = await Venue.SubscribeOrderBookAsync(Market, 10, Timeout);
        subscription.IsSuccess.ShouldBeTrue(subscription.Error?.ToString());
        await using var feed = subscription.Value;

        var first = await feed.Reader.ReadAsync(Timeout);

        first.Market.ShouldBe(Market);
        first.Bids.Count.ShouldBeInRange(1, 10);
        first.Asks.Count.ShouldBeInRange(1, 10);
    }

    [Fact]
    public async Task Mark_oracle_and_funding_are_given_for_a_market()
    {
        var prices = await Venue.GetMarketPricesAsync(Market, Timeout);

        prices.IsSuccess.ShouldBeTrue(prices.Error?.ToString());
        prices.Value.Market.ShouldBe(Market);
        prices.Value.Mark.IsPositive.ShouldBeTrue();
        prices.Value.Oracle.IsPositive.ShouldBeTrue();
        prices.Value.NextFundingTime.ShouldBeGreaterThanOrEqualTo(prices.Value.Time);
    }

    [Fact]
    public async Task An_unknown_market_is_refused_precisely_for_book_prices_and_feed()
    {
        var unknown = new MarketId("NOPE-USD");

        var book = await Venue.GetOrderBookAsync(unknown, 10, Timeout);
        var prices = await Venue.GetMarketPricesAsync(unknown, Timeout);
        var feed = await Venue.SubscribeOrderBookAsync(unknown, 10, Timeout);

        book.Error!.Code.ShouldBe(VenueRejectCodes.UnknownMarket);
        prices.Error!.Code.ShouldBe(VenueRejectCodes.UnknownMarket);
        feed.Error!.Code.ShouldBe(VenueRejectCodes.UnknownMarket);
    }

    [Fact]
    public async Task Health_reports_up_with_a_latency()
    {
        var health = await Venue.GetHealthAsync(Timeout);

        health.Status.ShouldBe(VenueHealthStatus.Up);
        health.Latency.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
    }
}
