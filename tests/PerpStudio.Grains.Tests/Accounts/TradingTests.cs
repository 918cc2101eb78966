using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Tests.Support;
using Shouldly;
using Xunit;

namespace PerpStudio.Grains.Tests.Accounts;

public sealed class TradingTests
{
    [Fact]
    public async Task A_cross_round_trip_books_realized_pnl_and_fees_and_the_statement_explains_the_balance()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));

        var buy = await account.PlaceOrderAsync(TestOrders.Market("buy-1", GrainsSilo.Btc, Side.Buy, 0.1m));
        buy.Error.ShouldBeNull();
        var opened = await silo.FillsAsync("alice", 2); // the ladder has 0.05 a level: two fills
        opened.Sum(f => f.Size.Units).ShouldBe(Quantity.Of(0.1m).Units);
        var risk = await account.GetRiskViewAsync();
        risk.Positions.ShouldHaveSingleItem().Size.ShouldBe(Quantity.Of(0.1m));
        risk.Positions[0].LiquidationPrice.Price.ShouldNotBeNull();
        risk.Summary.Reserved.ShouldBe(Money.Zero);

        var close = await account.ClosePositionAsync(new ClosePosition(new ClientOrderId("close-1"), GrainsSilo.Btc, MarginMode.Cross));
        close.Error.ShouldBeNull();
        var all = await silo.FillsAsync("alice", 4);
        (await account.GetRiskViewAsync()).Positions.ShouldBeEmpty();

        // the venue quotes 100,001 / 100,002 asks and 99,999 / 99,998 bids: the round trip loses the spread
        var realized = all.Aggregate(Money.Zero, (s, f) => s + f.RealizedPnl);
        var traded = all.Aggregate(0m, (s, f) => s + (f.Side == Side.Sell ? 1 : -1) * f.Price.ToDecimal() * f.Size.ToDecimal());
        realized.ShouldBe(Money.Of(traded));
        realized.IsNegative.ShouldBeTrue();
        var fees = all.Aggregate(Money.Zero, (s, f) => s + f.Fee.Total);
        var summary = await account.GetSummaryAsync();
        summary.Collateral.ShouldBe(Money.Of(10_000m) + realized - fees);

        var ledger = await account.GetLedgerAsync(new PageRequest(Limit: 500));
        ledger.Items.Aggregate(Money.Zero, (s, e) => s + e.Amount).ShouldBe(summary.Collateral);
    }

    [Fact]
    public async Task Each_fill_fee_splits_between_venue_builder_platform_and_operator_and_the_collector_counts_it_once()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        await account.PlaceOrderAsync(TestOrders.Market("buy-1", GrainsSilo.Btc, Side.Buy, 0.05m));
        var fill = (await silo.FillsAsync("alice", 1)).Single();

        // the Domain's split: notional 5,000.05 x (venue 4.5 bps + markup 2 bps + builder 1 bp)
        var expected = FeeModel.Charge(new FeeParameters(fill.Size, fill.Price, Liquidity.Taker,
            new FeeSchedule(Rate.Of(0.00015m), Rate.Of(0.00045m)), await silo.Operator.GetPolicyAsync())).Value;
        fill.Fee.ShouldBe(expected);
        (fill.Fee.Venue + fill.Fee.Builder + fill.Fee.Platform + fill.Fee.Operator).ShouldBe(fill.Fee.Total);
        fill.Fee.Platform.IsPositive.ShouldBeTrue();
        fill.Fee.Operator.IsPositive.ShouldBeTrue();

        var totals = await silo.Fees.GetTotalsAsync();
        totals.Total.ShouldBe(fill.Fee.Total);
        totals.Credits.ShouldBe(1);
    }

    [Fact]
    public async Task A_retried_place_order_with_the_same_client_order_id_makes_one_venue_order()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        var order = TestOrders.Limit("rest-1", GrainsSilo.Btc, Side.Buy, 0.01m, 90_000m);
        var first = await account.PlaceOrderAsync(order);
        var again = await account.PlaceOrderAsync(order);
        first.Order!.Status.ShouldBe(OrderStatus.Open);
        again.Duplicate.ShouldBeTrue();
        again.Order!.OrderId.ShouldBe(first.Order.OrderId);
        var venueOrders = await ((PerpStudio.Grains.Orders.DirectVenueOrderGateway)silo.Services.GetService(typeof(IOrderGateway))!).Venue.GetOpenOrdersAsync(CancellationToken.None);
        venueOrders.ShouldHaveSingleItem();
        (await account.GetSummaryAsync()).Reserved.ShouldBe(first.Order.Reserved);
    }

    [Fact]
    public async Task Cancelling_a_resting_order_releases_its_reservation()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        var placed = await account.PlaceOrderAsync(TestOrders.Limit("rest-1", GrainsSilo.Btc, Side.Buy, 0.01m, 90_000m));
        placed.Order!.Reserved.IsPositive.ShouldBeTrue();
        (await account.GetSummaryAsync()).Reserved.ShouldBe(placed.Order.Reserved);

        var cancelled = await account.CancelOrderByClientIdAsync(new ClientOrderId("rest-1"));
        cancelled.Order!.Status.ShouldBe(OrderStatus.Cancelled);
        (await account.GetSummaryAsync()).Reserved.ShouldBe(Money.Zero);
        (await account.GetOpenOrdersAsync()).ShouldBeEmpty();
        (await account.CancelOrderAsync(placed.Order.OrderId)).Error!.Code.ShouldBe("order_not_open");
    }

    [Fact]
    public async Task Modifying_a_resting_order_re_reserves_for_its_new_size()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        var placed = await account.PlaceOrderAsync(TestOrders.Limit("rest-1", GrainsSilo.Btc, Side.Buy, 0.01m, 90_000m));
        var modified = await account.ModifyOrderAsync(new OrderModification(new ClientOrderId("rest-1"), null, Quantity.Of(0.02m)));
        modified.Error.ShouldBeNull();
        modified.Order!.Request.Size.ShouldBe(Quantity.Of(0.02m));
        modified.Order.Reserved.ShouldBeGreaterThan(placed.Order!.Reserved);
        (await account.GetSummaryAsync()).Reserved.ShouldBe(modified.Order.Reserved);
    }

    [Fact]
    public async Task An_order_the_venue_rejects_releases_its_reservation()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        // a post-only buy above the best ask would cross: the venue rejects it
        var order = TestOrders.Limit("po-1", GrainsSilo.Btc, Side.Buy, 0.01m, 100_010m) with { TimeInForce = TimeInForce.PostOnly };
        var result = await account.PlaceOrderAsync(order);
        result.Order!.Status.ShouldBe(OrderStatus.Rejected);
        result.Error!.Code.ShouldBe("post_only_would_cross");
        (await account.GetSummaryAsync()).Reserved.ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task An_order_that_never_reached_the_venue_releases_its_reservation()
    {
        await using var silo = await GrainsSilo.StartAsync();
        await silo.ConfigureAsync();
        var account = silo.Account("alice");
        await account.DepositAsync(new Deposit("d1", Money.Of(10_000m)));
        silo.Exchange.Faults = silo.Exchange.Faults with { Unreachable = true };
        var result = await account.PlaceOrderAsync(TestOrders.Limit("rest-1", GrainsSilo.Btc, Side.Buy, 0.01m, 90_000m));
        result.Order!.Status.ShouldBe(OrderStatus.NeverReached);
        result.Error!.Code.ShouldBe("venue_unavailable");
        (await account.GetSummaryAsync()).Reserved.ShouldBe(Money.Zero);
    }
}
