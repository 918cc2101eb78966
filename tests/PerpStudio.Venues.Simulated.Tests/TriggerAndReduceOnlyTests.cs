using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests;

public sealed class TriggerAndReduceOnlyTests
{
    [Fact]
    public async Task A_stop_loss_waits_until_the_mark_falls_to_it_then_closes_the_position()
    {
        var (exchange, venue, _) = Sim.Create();
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.02m));
        var stop = Sim.Market(Side.Sell, 0.02m, reduceOnly: true) with { Trigger = TriggerKind.StopLoss, TriggerPrice = Price.Of(99_000m) };

        var pending = await venue.PlaceAsync(stop);
        exchange.SetReferencePrice(Sim.Btc, Price.Of(99_500m));
        var stillPending = (await venue.GetOrderAsync(stop.ClientOrderId, CancellationToken.None)).Value;
        exchange.SetReferencePrice(Sim.Btc, Price.Of(98_900m));
        var fired = (await venue.GetOrderAsync(stop.ClientOrderId, CancellationToken.None)).Value;

        pending.Status.ShouldBe(VenueOrderStatus.PendingTrigger);
        stillPending.Status.ShouldBe(VenueOrderStatus.PendingTrigger);
        fired.Status.ShouldBe(VenueOrderStatus.Filled);
        (await venue.PositionAsync()).ShouldBe(Quantity.Zero);
        var fills = await venue.GetFillsAsync(DateTimeOffset.MinValue, 100, CancellationToken.None);
        fills.Single(f => f.ClientOrderId == stop.ClientOrderId).Price.ShouldBeLessThanOrEqualTo(Price.Of(98_900m));
    }

    [Fact]
    public async Task A_take_profit_limit_fires_into_the_book_when_the_mark_rises_to_it()
    {
        var (exchange, venue, _) = Sim.Create();
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.02m));
        var takeProfit = Sim.Limit(Side.Sell, 101_000m, 0.02m, reduceOnly: true) with { Trigger = TriggerKind.TakeProfit, TriggerPrice = Price.Of(101_000m) };
        await venue.PlaceAsync(takeProfit);

        exchange.SetReferencePrice(Sim.Btc, Price.Of(100_900m));
        (await venue.GetOrderAsync(takeProfit.ClientOrderId, CancellationToken.None)).Value.Status.ShouldBe(VenueOrderStatus.PendingTrigger);
        exchange.SetReferencePrice(Sim.Btc, Price.Of(101_050m));

        var fired = (await venue.GetOrderAsync(takeProfit.ClientOrderId, CancellationToken.None)).Value;
        fired.Status.ShouldBe(VenueOrderStatus.Filled);
        (await venue.PositionAsync()).ShouldBe(Quantity.Zero);
    }

    [Fact]
    public async Task A_reduce_only_trigger_whose_position_is_gone_is_rejected_when_it_fires()
    {
        var (exchange, venue, _) = Sim.Create();
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.02m));
        var stop = Sim.Market(Side.Sell, 0.02m, reduceOnly: true) with { Trigger = TriggerKind.StopLoss, TriggerPrice = Price.Of(99_000m) };
        await venue.PlaceAsync(stop);
        await venue.PlaceAsync(Sim.Market(Side.Sell, 0.02m));

        exchange.SetReferencePrice(Sim.Btc, Price.Of(98_000m));

        var fired = (await venue.GetOrderAsync(stop.ClientOrderId, CancellationToken.None)).Value;
        fired.Status.ShouldBe(VenueOrderStatus.Rejected);
        fired.Reject!.Code.ShouldBe(VenueRejectCodes.ReduceOnlyWouldIncrease);
        (await venue.PositionAsync()).ShouldBe(Quantity.Zero);
    }

    [Fact]
    public async Task A_resting_reduce_only_order_shrinks_when_the_position_shrinks_and_is_cancelled_when_it_closes()
    {
        var (_, venue, _) = Sim.Create();
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.04m));
        var ask = (await venue.BookAsync()).BestAsk!.Value.Price.ToDecimal();
        var resting = await venue.PlaceAsync(Sim.Limit(Side.Sell, ask + 50m, 0.04m, reduceOnly: true));

        await venue.PlaceAsync(Sim.Market(Side.Sell, 0.01m));
        var shrunk = (await venue.GetOrderAsync(resting.ClientOrderId, CancellationToken.None)).Value;
        await venue.PlaceAsync(Sim.Market(Side.Sell, 0.03m));
        var cancelled = (await venue.GetOrderAsync(resting.ClientOrderId, CancellationToken.None)).Value;

        shrunk.Status.ShouldBe(VenueOrderStatus.Open);
        shrunk.RemainingSize.ShouldBe(Quantity.Of(0.03m));
        cancelled.Status.ShouldBe(VenueOrderStatus.Cancelled);
        cancelled.Reject!.Code.ShouldBe(VenueRejectCodes.ReduceOnlyWouldIncrease);
        (await venue.BookAsync()).Asks.ShouldNotContain(l => l.Price == Price.Of(ask + 50m));
    }

    [Fact]
    public async Task A_reduce_only_order_in_the_direction_of_the_position_is_rejected_and_spends_its_id()
    {
        var (_, venue, _) = Sim.Create();
        await venue.PlaceAsync(Sim.Market(Side.Buy, 0.02m));
        var adding = Sim.Market(Side.Buy, 0.01m, reduceOnly: true);

        var first = await venue.PlaceOrderAsync(adding, CancellationToken.None);
        var retry = await venue.PlaceOrderAsync(adding, CancellationToken.None);

        first.Order!.Status.ShouldBe(VenueOrderStatus.Rejected);
        first.RejectReason!.Code.ShouldBe(VenueRejectCodes.ReduceOnlyWouldIncrease);
        retry.Duplicate.ShouldBeTrue();
        retry.Order!.Status.ShouldBe(VenueOrderStatus.Rejected);
        (await venue.PositionAsync()).ShouldBe(Quantity.Of(0.02m));
    }

    [Fact]
    public async Task Modifying_a_resting_order_across_the_book_executes_it()
    {
        var (_, venue, _) = Sim.Create();
        var book = await venue.BookAsync();
        var bid = book.BestBid!.Value.Price.ToDecimal();
        var order = await venue.PlaceAsync(Sim.Limit(Side.Buy, bid - 10m, 0.01m));

        var modified = await venue.ModifyOrderAsync(new ModifyOrderRequest(order.ClientOrderId, book.BestAsk!.Value.Price, null), CancellationToken.None);

        modified.Value.Status.ShouldBe(VenueOrderStatus.Filled);
        (await venue.PositionAsync()).ShouldBe(Quantity.Of(0.01m));
    }

    [Fact]
    public async Task Modifying_a_post_only_order_across_the_book_is_refused_and_leaves_it_resting()
    {
        var (_, venue, _) = Sim.Create();
        var book = await venue.BookAsync();
        var bid = book.BestBid!.Value.Price.ToDecimal();
        var order = await venue.PlaceAsync(Sim.Limit(Side.Buy, bid - 10m, 0.01m, TimeInForce.PostOnly));

        var modified = await venue.ModifyOrderAsync(new ModifyOrderRequest(order.ClientOrderId, book.BestAsk!.Value.Price, null), CancellationToken.None);

        modified.Error!.Code.ShouldBe(VenueRejectCodes.PostOnlyWouldCross);
        var after = (await venue.GetOrderAsync(order.ClientOrderId, CancellationToken.None)).Value;
        after.Status.ShouldBe(VenueOrderStatus.Open);
        after.Request.LimitPrice.ShouldBe(Price.Of(bid - 10m));
    }

    [Fact]
    public async Task A_market_order_with_nothing_within_its_worst_price_is_rejected_for_no_liquidity()
    {
        var (_, venue, _) = Sim.Create();
        var bid = (await venue.BookAsync()).BestBid!.Value.Price;

        var order = await venue.PlaceAsync(Sim.Market(Side.Buy, 0.01m) with { LimitPrice = bid });

        order.Status.ShouldBe(VenueOrderStatus.Rejected);
        order.Reject!.Code.ShouldBe(VenueRejectCodes.NoLiquidity);
    }

    [Theory]
    [InlineData("leverage")]
    [InlineData("limit_price")]
    [InlineData("size")]
    [InlineData("client_order_id")]
    public async Task Malformed_orders_are_refused_naming_the_field(string field)
    {
        var (_, venue, _) = Sim.Create();
        var good = Sim.Limit(Side.Buy, 90_000m, 0.01m);
        var bad = field switch
        {
            "leverage" => good with { Leverage = 41 },
            "limit_price" => good with { LimitPrice = null },
            "size" => good with { Size = Quantity.Of(0.0001m) }, // 9 USD, below the 10 USD minimum
            _ => good with { ClientOrderId = new ClientOrderId("has space") },
        };

        var result = await venue.PlaceOrderAsync(bad, CancellationToken.None);

        result.IsAccepted.ShouldBeFalse();
        result.Error!.Field.ShouldBe(field);
        (await venue.GetOpenOrdersAsync(CancellationToken.None)).ShouldBeEmpty();
    }
}
