using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Conformance;

/// <summary>Limit GTC and IOC, market orders, cancel by venue id, idempotency, fills, history, account: every venue.</summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class OrderEntryConformance<TFactory> : VenueConformance<TFactory>
    where TFactory : IVenueHarnessFactory, new()
{
    [Fact]
    public async Task A_limit_order_below_the_best_bid_rests_and_shows_in_the_book()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var size = MinimumSize(price);

        var order = await PlaceAcceptedAsync(Limit(Side.Buy, price, size));

        order.Status.ShouldBe(VenueOrderStatus.Open);
        order.VenueOrderId.ShouldNotBeNull();
        order.FilledSize.ShouldBe(Quantity.Zero);
        var level = (await BookAsync()).Bids.Single(l => l.Price == price);
        level.Size.ShouldBeGreaterThanOrEqualTo(size);
        (await Venue.GetOpenOrdersAsync(Timeout)).ShouldContain(o => o.ClientOrderId == order.ClientOrderId);
    }

    [Fact]
    public async Task An_ioc_order_at_the_best_ask_fills_and_emits_fills_with_unique_ids()
    {
        await using var feed = await Venue.SubscribeEventsAsync(Timeout);

        var order = await BuyNowAsync();

        order.Status.ShouldBeOneOf(VenueOrderStatus.Filled, VenueOrderStatus.Cancelled);
        var fills = await FillsOfAsync(feed, order.ClientOrderId, order.FilledSize);
        fills.Select(f => f.FillId).Distinct().Count().ShouldBe(fills.Count);
        fills.ShouldAllBe(f => f.Side == Side.Buy && f.Market == Market && f.Liquidity == Liquidity.Taker && f.VenueOrderId == order.VenueOrderId);
    }

    [Fact]
    public async Task A_market_order_fills_within_its_worst_price()
    {
        var book = await BookAsync();
        var worst = book.Asks[Math.Min(2, book.Asks.Count - 1)].Price;
        await using var feed = await Venue.SubscribeEventsAsync(Timeout);

        var order = await PlaceAcceptedAsync(MarketOrder(Side.Buy, MinimumSize(worst), worst));

        order.FilledSize.IsPositive.ShouldBeTrue(order.ToString());
        order.IsTerminal.ShouldBeTrue();
        var fills = await FillsOfAsync(feed, order.ClientOrderId, order.FilledSize);
        fills.ShouldAllBe(f => f.Price <= worst);
    }

    [Fact]
    public async Task Placing_the_same_client_order_id_twice_makes_one_order()
    {
        var price = await PassiveBidAsync(ticksBelow: 3);
        var request = Limit(Side.Buy, price, MinimumSize(price));

        var first = await Venue.PlaceOrderAsync(request, Timeout);
        var second = await Venue.PlaceOrderAsync(request, Timeout);

        first.Duplicate.ShouldBeFalse();
        second.Duplicate.ShouldBeTrue();
        second.Order!.VenueOrderId.ShouldBe(first.Order!.VenueOrderId);
        (await Venue.GetOpenOrdersAsync(Timeout)).Count(o => o.ClientOrderId == request.ClientOrderId).ShouldBe(1);
    }

    [Fact]
    public async Task Retrying_a_filled_ioc_order_trades_once()
    {
        var ask = (await BookAsync()).BestAsk!.Value;
        var request = Limit(Side.Buy, ask.Price, MinimumSize(ask.Price), TimeInForce.Ioc);

        var first = await Venue.PlaceOrderAsync(request, Timeout);
        var second = await Venue.PlaceOrderAsync(request, Timeout);

        second.Duplicate.ShouldBeTrue();
        second.Order!.FilledSize.ShouldBe(first.Order!.FilledSize);
        (await Venue.GetAccountAsync(Timeout)).PositionIn(Market).ShouldBe(first.Order.FilledSize);
    }

    [Fact]
    public async Task Cancelling_a_resting_order_by_venue_id_removes_it()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var order = await PlaceAcceptedAsync(Limit(Side.Buy, price, MinimumSize(price)));

        var cancelled = await Venue.CancelOrderAsync(Market, order.VenueOrderId!.Value, Timeout);

        cancelled.IsSuccess.ShouldBeTrue(cancelled.Error?.ToString());
        cancelled.Value.Status.ShouldBe(VenueOrderStatus.Cancelled);
        (await Venue.GetOrderAsync(order.ClientOrderId, Timeout)).Value.Status.ShouldBe(VenueOrderStatus.Cancelled);
        (await Venue.GetOpenOrdersAsync(Timeout)).ShouldNotContain(o => o.ClientOrderId == order.ClientOrderId);
        var again = await Venue.CancelOrderAsync(Market, order.VenueOrderId!.Value, Timeout);
        again.Error!.Code.ShouldBe(VenueRejectCodes.OrderNotOpen);
    }

    [Fact]
    public async Task Cancelling_an_unknown_order_is_refused()
    {
        var result = await Venue.CancelOrderAsync(Market, new VenueOrderId("999999999"), Timeout);

        result.Error!.Code.ShouldBe(VenueRejectCodes.UnknownOrder);
        result.Error.Kind.ShouldBe(ErrorKind.NotFound);
    }

    [Fact]
    public async Task Fills_history_returns_what_the_feed_emitted()
    {
        await using var feed = await Venue.SubscribeEventsAsync(Timeout);
        var order = await BuyNowAsync();
        var streamed = await FillsOfAsync(feed, order.ClientOrderId, order.FilledSize);

        var history = await Venue.GetFillsAsync(streamed.Min(f => f.Time), 1000, Timeout);

        history.Where(f => f.ClientOrderId == order.ClientOrderId).OrderBy(f => f.FillId.Value)
            .ShouldBe(streamed.OrderBy(f => f.FillId.Value));
    }

    [Fact]
    public async Task Position_and_collateral_reflect_the_fills_exactly()
    {
        var before = await Venue.GetAccountAsync(Timeout);
        await using var feed = await Venue.SubscribeEventsAsync(Timeout);

        var order = await BuyNowAsync();
        var fills = await FillsOfAsync(feed, order.ClientOrderId, order.FilledSize);

        var after = await Venue.GetAccountAsync(Timeout);
        after.PositionIn(Market).ShouldBe(before.PositionIn(Market) + order.FilledSize);
        var fees = fills.Aggregate(Money.Zero, (sum, f) => sum + f.Fee);
        after.Balance.Collateral.ShouldBe(before.Balance.Collateral - fees);
        var position = after.Positions.Single(p => p.Market == Market);
        var bought = fills.Aggregate(Money.Zero, (sum, f) => sum + Notional.Of(f.Size, f.Price, Rounding.HalfEven));
        (position.EntryNotional - bought).Abs().Units.ShouldBeLessThanOrEqualTo(fills.Count);
    }

    [Fact]
    public async Task An_off_tick_price_is_refused_and_changes_nothing()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var offTick = new Price(price.Units + (Spec.TickSize.Units / 2));
        var request = Limit(Side.Buy, offTick, MinimumSize(price));

        var result = await Venue.PlaceOrderAsync(request, Timeout);

        result.IsAccepted.ShouldBeFalse();
        result.Error!.Code.ShouldBe(VenueRejectCodes.PriceOffTick);
        result.Error.Field.ShouldBe("limit_price");
        result.Error.Kind.ShouldBe(ErrorKind.InvalidArgument);
        (await Venue.GetOrderAsync(request.ClientOrderId, Timeout)).Error!.Code.ShouldBe(VenueRejectCodes.UnknownOrder);
    }

    [Fact]
    public async Task An_off_lot_size_is_refused_and_changes_nothing()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var offLot = new Quantity(MinimumSize(price).Units + (Spec.LotSize.Units / 2));
        var request = Limit(Side.Buy, price, offLot);

        var result = await Venue.PlaceOrderAsync(request, Timeout);

        result.Error!.Code.ShouldBe(VenueRejectCodes.SizeOffLot);
        result.Error.Field.ShouldBe("size");
        (await Venue.GetOrderAsync(request.ClientOrderId, Timeout)).Error!.Code.ShouldBe(VenueRejectCodes.UnknownOrder);
    }

    [Fact]
    public async Task An_unknown_market_is_refused_and_changes_nothing()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var request = Limit(Side.Buy, price, MinimumSize(price)) with { Market = new MarketId("NOPE-USD") };

        var result = await Venue.PlaceOrderAsync(request, Timeout);

        result.Error!.Code.ShouldBe(VenueRejectCodes.UnknownMarket);
        result.Error.Kind.ShouldBe(ErrorKind.NotFound);
        (await Venue.GetOpenOrdersAsync(Timeout)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_second_placement_after_a_refusal_on_input_is_judged_afresh()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var request = Limit(Side.Buy, new Price(price.Units + (Spec.TickSize.Units / 2)), MinimumSize(price));
        (await Venue.PlaceOrderAsync(request, Timeout)).IsAccepted.ShouldBeFalse();

        var corrected = await Venue.PlaceOrderAsync(request with { LimitPrice = price }, Timeout);

        corrected.IsAccepted.ShouldBeTrue(corrected.Error?.ToString());
        corrected.Duplicate.ShouldBeFalse();
    }
}
