using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Common;

namespace PerpStudio.Venues.Hyperliquid.Tests.Execution;

public sealed class WireAliasTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly MarketId Btc = new("BTC-USD");

    [Fact]
    public async Task The_wire_alias_of_a_client_order_id_is_its_cloid_and_is_itself_a_valid_client_order_id()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        var ours = new ClientOrderId("ps:op1:leg-0");

        var alias = harness.Venue.WireAlias(ours);

        alias.ShouldBe(new ClientOrderId("hl-cloid-" + Cloid.For(ours).Hex[2..]));
        ClientOrderId.IsValid(alias!.Value.Value).ShouldBeTrue();
        harness.Venue.WireAlias(new ClientOrderId("not valid/")).ShouldBeNull();
    }

    [Fact]
    public async Task A_resting_order_placed_before_a_restart_and_filled_by_outside_flow_is_reported_under_its_wire_alias()
    {
        await using var harness = await HyperliquidHarness.StartAsync();
        using var timeout = new CancellationTokenSource(Patience);
        // above the fake's best bid (29,990), below its best ask: it rests, and is the first bid outside flow meets
        var bid = new OrderRequest(new ClientOrderId("rest-" + Guid.NewGuid().ToString("N")[..12]), Btc, Side.Buy, OrderType.Limit, Quantity.Of(0.001m), Price.Of(29995m), TimeInForce.Gtc, false, MarginMode.Cross, 1);
        var placed = await harness.Venue.PlaceOrderAsync(bid, timeout.Token);
        placed.Order.ShouldNotBeNull().FilledSize.IsPositive.ShouldBeFalse();

        await using var restarted = await HyperliquidHarness.ConnectAsync(harness.Server, harness.Agent, harness.Account, null, null);
        await using var feed = await restarted.SubscribeEventsAsync(timeout.Token);
        var seller = PrivateKey.Generate();
        harness.Server.Exchange.AddAccount(seller.Address, Money.Of(100_000m));
        await using var outside = await HyperliquidHarness.ConnectAsync(harness.Server, seller, seller.Address, null, null);
        var sold = await outside.PlaceOrderAsync(
            new OrderRequest(new ClientOrderId("sell-" + Guid.NewGuid().ToString("N")[..12]), Btc, Side.Sell, OrderType.Limit, Quantity.Of(0.001m), Price.Of(29995m), TimeInForce.Ioc, false, MarginMode.Cross, 1),
            timeout.Token);
        sold.Order.ShouldNotBeNull().FilledSize.ShouldBe(Quantity.Of(0.001m));

        var alias = restarted.WireAlias(bid.ClientOrderId).ShouldNotBeNull();
        var streamed = await NextFillAsync(feed, timeout.Token);
        streamed.ClientOrderId.ShouldBe(alias);
        streamed.Size.ShouldBe(Quantity.Of(0.001m));
        (await restarted.GetFillsAsync(DateTimeOffset.MinValue, 10, timeout.Token)).ShouldHaveSingleItem().ClientOrderId.ShouldBe(alias);
        // the instance that placed it still names it by our own id
        (await harness.Venue.GetFillsAsync(DateTimeOffset.MinValue, 10, timeout.Token)).ShouldHaveSingleItem().ClientOrderId.ShouldBe(bid.ClientOrderId);
    }

    private static async Task<VenueFill> NextFillAsync(IVenueSubscription<VenueEvent> feed, CancellationToken cancellationToken)
    {
        await foreach (var e in feed.Reader.ReadAllAsync(cancellationToken))
        {
            if (e is FillReceived fill)
            {
                return fill.Fill;
            }
        }

        throw new InvalidOperationException("the event feed ended before any fill");
    }
}
