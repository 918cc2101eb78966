using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Conformance;

/// <summary>The public trades feed (for venues with <see cref="VenueCapabilities.PublicTrades"/>).</summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class TradesConformance<TFactory> : VenueConformance<TFactory>
    where TFactory : IVenueHarnessFactory, new()
{
    [Fact]
    public void The_venue_declares_the_public_trades_feed()
    {
        Venue.Capabilities.PublicTrades.ShouldBeTrue();
    }

    [Fact]
    public async Task An_order_that_takes_liquidity_prints_public_trades_matching_its_fills()
    {
        var subscribed = await Venue.SubscribeTradesAsync(Market, Timeout);
        subscribed.IsSuccess.ShouldBeTrue(subscribed.IsSuccess ? null : subscribed.Error.ToString());
        await using var trades = subscribed.Value;
        await using var events = await Venue.SubscribeEventsAsync(Timeout);

        var bought = await BuyNowAsync();
        var fills = await FillsOfAsync(events, bought.ClientOrderId, bought.FilledSize);

        // other traders may print too: wait for buys at our fills' prices adding up to what we bought
        var wanted = fills.GroupBy(f => f.Price).ToDictionary(g => g.Key, g => g.Aggregate(Quantity.Zero, (s, f) => s + f.Size));
        var seen = new Dictionary<Price, Quantity>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (wanted.Any(w => seen.GetValueOrDefault(w.Key, Quantity.Zero) < w.Value))
        {
            var trade = await trades.Reader.ReadAsync(Timeout);
            trade.Market.ShouldBe(Market);
            trade.Size.IsPositive.ShouldBeTrue();
            ids.Add(trade.TradeId).ShouldBeTrue($"trade id {trade.TradeId} delivered twice");
            if (trade.TakerSide == Side.Buy && wanted.ContainsKey(trade.Price))
            {
                seen[trade.Price] = seen.GetValueOrDefault(trade.Price, Quantity.Zero) + trade.Size;
            }
        }

        foreach (var (price, size) in wanted)
        {
            seen[price].ShouldBeGreaterThanOrEqualTo(size);
        }
    }

    [Fact]
    public async Task Subscribing_to_trades_of_an_unlisted_market_is_refused_as_unknown()
    {
        var result = await Venue.SubscribeTradesAsync(new MarketId("NOPE-USD"), Timeout);

        result.IsSuccess.ShouldBeFalse();
        result.Error.Code.ShouldBe(VenueRejectCodes.UnknownMarket);
    }

    [Fact]
    public async Task A_disposed_trades_subscription_completes()
    {
        var feed = (await Venue.SubscribeTradesAsync(Market, Timeout)).Value;

        await feed.DisposeAsync();

        await feed.Reader.Completion.WaitAsync(Timeout);
        feed.Reader.Completion.IsCompletedSuccessfully.ShouldBeTrue();
    }
}
