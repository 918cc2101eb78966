using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Conformance;

/// <summary>Post-only limit orders (for venues whose capabilities include <see cref="TimeInForce.PostOnly"/>).</summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class PostOnlyConformance<TFactory> : VenueConformance<TFactory>
    where TFactory : IVenueHarnessFactory, new()
{
    [Fact]
    public async Task A_post_only_order_that_would_cross_is_rejected()
    {
        var ask = (await BookAsync()).BestAsk!.Value;

        var result = await Venue.PlaceOrderAsync(Limit(Side.Buy, ask.Price, MinimumSize(ask.Price), TimeInForce.PostOnly), Timeout);

        result.RejectReason!.Code.ShouldBe(VenueRejectCodes.PostOnlyWouldCross);
        (result.Order?.FilledSize ?? Quantity.Zero).ShouldBe(Quantity.Zero);
        (await Venue.GetAccountAsync(Timeout)).PositionIn(Market).ShouldBe(Quantity.Zero);
    }

    [Fact]
    public async Task A_post_only_order_that_does_not_cross_rests()
    {
        var price = await PassiveBidAsync(ticksBelow: 1);

        var order = await PlaceAcceptedAsync(Limit(Side.Buy, price, MinimumSize(price), TimeInForce.PostOnly));

        order.Status.ShouldBe(VenueOrderStatus.Open);
    }
}

/// <summary>Reduce-only orders (for venues with <see cref="VenueCapabilities.ReduceOnly"/>).</summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class ReduceOnlyConformance<TFactory> : VenueConformance<TFactory>
    where TFactory : IVenueHarnessFactory, new()
{
    [Fact]
    public async Task A_reduce_only_order_without_a_position_is_rejected()
    {
        var ask = (await BookAsync()).BestAsk!.Value;

        var result = await Venue.PlaceOrderAsync(Limit(Side.Buy, ask.Price, MinimumSize(ask.Price), TimeInForce.Ioc, reduceOnly: true), Timeout);

        result.RejectReason!.Code.ShouldBe(VenueRejectCodes.ReduceOnlyWouldIncrease);
        (await Venue.GetAccountAsync(Timeout)).PositionIn(Market).ShouldBe(Quantity.Zero);
    }

    [Fact]
    public async Task A_reduce_only_order_larger_than_the_position_cannot_flip_it()
    {
        var bought = await BuyNowAsync();
        var bid = (await BookAsync()).BestBid!.Value;

        var result = await Venue.PlaceOrderAsync(
            Limit(Side.Sell, bid.Price, bought.FilledSize + bought.FilledSize, TimeInForce.Ioc, reduceOnly: true), Timeout);

        var position = (await Venue.GetAccountAsync(Timeout)).PositionIn(Market);
        position.IsNegative.ShouldBeFalse($"reduce-only flipped the position to {position}: {result}");
    }

    [Fact]
    public async Task A_reduce_only_order_closes_the_position()
    {
        var bought = await BuyNowAsync();
        var bid = (await BookAsync()).BestBid!.Value;

        var closing = await PlaceAcceptedAsync(Limit(Side.Sell, bid.Price, bought.FilledSize, TimeInForce.Ioc, reduceOnly: true));

        closing.FilledSize.ShouldBe(bought.FilledSize);
        (await Venue.GetAccountAsync(Timeout)).PositionIn(Market).ShouldBe(Quantity.Zero);
    }
}

/// <summary>Cancel by client order id (for venues with <see cref="VenueCapabilities.CancelByClientOrderId"/>).</summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class CancelByClientIdConformance<TFactory> : VenueConformance<TFactory>
    where TFactory : IVenueHarnessFactory, new()
{
    [Fact]
    public async Task Cancelling_by_client_order_id_removes_the_order()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var order = await PlaceAcceptedAsync(Limit(Side.Buy, price, MinimumSize(price)));

        var cancelled = await Venue.CancelOrderByClientIdAsync(order.ClientOrderId, Timeout);

        cancelled.Value.Status.ShouldBe(VenueOrderStatus.Cancelled);
        (await Venue.GetOpenOrdersAsync(Timeout)).ShouldNotContain(o => o.ClientOrderId == order.ClientOrderId);
    }

    [Fact]
    public async Task Cancelling_an_unknown_client_order_id_is_refused()
    {
        var result = await Venue.CancelOrderByClientIdAsync(NewClientOrderId(), Timeout);

        result.Error!.Code.ShouldBe(VenueRejectCodes.UnknownOrder);
    }
}

/// <summary>Modifying resting orders (for venues with <see cref="VenueCapabilities.Modify"/>).</summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class ModifyConformance<TFactory> : VenueConformance<TFactory>
    where TFactory : IVenueHarnessFactory, new()
{
    [Fact]
    public async Task Modifying_the_price_moves_the_order_in_the_book()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var size = MinimumSize(price);
        var order = await PlaceAcceptedAsync(Limit(Side.Buy, price, size));
        var newPrice = price - Spec.TickSize;

        var modified = await Venue.ModifyOrderAsync(new ModifyOrderRequest(order.ClientOrderId, newPrice, null), Timeout);

        modified.IsSuccess.ShouldBeTrue(modified.Error?.ToString());
        modified.Value.Request.LimitPrice.ShouldBe(newPrice);
        modified.Value.Status.ShouldBe(VenueOrderStatus.Open);
        (await BookAsync()).Bids.Single(l => l.Price == newPrice).Size.ShouldBeGreaterThanOrEqualTo(size);
    }

    [Fact]
    public async Task Modifying_the_size_down_keeps_the_order_open()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var size = MinimumSize(price);
        var order = await PlaceAcceptedAsync(Limit(Side.Buy, price, size + size));

        var modified = await Venue.ModifyOrderAsync(new ModifyOrderRequest(order.ClientOrderId, null, size), Timeout);

        modified.Value.Request.Size.ShouldBe(size);
        modified.Value.RemainingSize.ShouldBe(size);
        modified.Value.Status.ShouldBe(VenueOrderStatus.Open);
    }

    [Fact]
    public async Task Modifying_to_an_off_tick_price_is_refused_and_changes_nothing()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var order = await PlaceAcceptedAsync(Limit(Side.Buy, price, MinimumSize(price)));

        var result = await Venue.ModifyOrderAsync(
            new ModifyOrderRequest(order.ClientOrderId, new Price(price.Units - (Spec.TickSize.Units / 2)), null), Timeout);

        result.Error!.Code.ShouldBe(VenueRejectCodes.PriceOffTick);
        (await Venue.GetOrderAsync(order.ClientOrderId, Timeout)).Value.Request.LimitPrice.ShouldBe(price);
    }

    [Fact]
    public async Task Modifying_an_unknown_order_is_refused()
    {
        var result = await Venue.ModifyOrderAsync(new ModifyOrderRequest(NewClientOrderId(), Spec.TickSize, null), Timeout);

        result.Error!.Code.ShouldBe(VenueRejectCodes.UnknownOrder);
    }
}

/// <summary>Take-profit / stop-loss orders held until the mark crosses (for venues with <see cref="VenueCapabilities.Triggers"/>).</summary>
/// <typeparam name="TFactory">The adapter's harness factory.</typeparam>
public abstract class TriggerOrderConformance<TFactory> : VenueConformance<TFactory>
    where TFactory : IVenueHarnessFactory, new()
{
    [Fact]
    public async Task A_take_profit_far_from_the_mark_waits_and_can_be_cancelled()
    {
        var mark = (await Venue.GetMarketPricesAsync(Market, Timeout)).Value.Mark;
        var trigger = new Price(mark.Units / 2 / Spec.TickSize.Units * Spec.TickSize.Units);
        var request = Limit(Side.Buy, trigger, MinimumSize(trigger)) with { Trigger = TriggerKind.TakeProfit, TriggerPrice = trigger };

        var order = await PlaceAcceptedAsync(request);

        order.Status.ShouldBe(VenueOrderStatus.PendingTrigger);
        (await Venue.GetOpenOrdersAsync(Timeout)).ShouldContain(o => o.ClientOrderId == request.ClientOrderId);
        var cancelled = await Venue.CancelOrderByClientIdAsync(request.ClientOrderId, Timeout);
        cancelled.Value.Status.ShouldBe(VenueOrderStatus.Cancelled);
    }

    [Fact]
    public async Task A_trigger_order_without_a_trigger_price_is_refused()
    {
        var price = await PassiveBidAsync(ticksBelow: 2);
        var request = Limit(Side.Buy, price, MinimumSize(price)) with { Trigger = TriggerKind.StopLoss };

        var result = await Venue.PlaceOrderAsync(request, Timeout);

        result.Error!.Field.ShouldBe("trigger_price");
    }
}
