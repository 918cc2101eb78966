using System.Globalization;
using PerpStudio.Client;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;

namespace PerpStudio.Host.Tests.Trading;

/// <summary>A new trader signs in with a wallet, funds the account in demo mode and trades isolated and cross.</summary>
public sealed class WalletTraderTests : IAsyncLifetime
{
    private RunningPlatform _host = null!;

    // both venues walk from the same seed and hold still, so their books differ only by depth, spread and fees
    public async Task InitializeAsync() => _host = await RunningPlatform.StartAsync(
        ("PerpStudio:Venues:Simulated:0:Name", "sim-a"),
        ("PerpStudio:Venues:Simulated:0:Seed", "5"),
        ("PerpStudio:Venues:Simulated:0:TakerFee", "0.00035"),
        ("PerpStudio:Venues:Simulated:0:Depth", "4"),
        ("PerpStudio:Venues:Simulated:0:HalfSpreadTicks", "1"),
        ("PerpStudio:Venues:Simulated:0:StepInterval", "01:00:00"),
        ("PerpStudio:Venues:Simulated:1:Name", "sim-b"),
        ("PerpStudio:Venues:Simulated:1:Seed", "5"),
        ("PerpStudio:Venues:Simulated:1:TakerFee", "0.0005"),
        ("PerpStudio:Venues:Simulated:1:Depth", "1"),
        ("PerpStudio:Venues:Simulated:1:HalfSpreadTicks", "2"),
        ("PerpStudio:Venues:Simulated:1:StepInterval", "01:00:00"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_wallet_trader_is_funded_in_demo_mode_opens_an_isolated_and_a_cross_position_and_sees_their_liquidation_prices()
    {
        var wallet = PrivateKey.Generate();
        using var client = _host.Client(PerpStudioCredentials.ForOperator("demo"));
        var session = await client.SignInWithWalletAsync(wallet);
        session.TraderAddress.ShouldBe(wallet.Address.ToString(), StringCompareShould.IgnoreCase);
        client.Credentials.SessionToken.ShouldBe(session.SessionToken);

        var deposit = await client.DepositAsync(new DepositRequest { Amount = "50000", DepositId = "demo-1" });
        Dec(deposit.Collateral).ShouldBe(50_000m);
        await using var events = await AccountEvents.SubscribeAsync(client);

        Accepted(await client.PlaceOrderAsync(Market("iso-1", "BTC-USD", "0.1", MarginMode.Isolated, 10)));
        // large enough against the collateral to have a liquidation price at all (a small cross position has none)
        Accepted(await client.PlaceOrderAsync(Market("cross-1", "ETH-USD", "30", MarginMode.Cross, 20)));
        // an order may be split across both venues: wait until every fill has reached the position
        await events.WaitForAsync(e => e.Position is { Market: "BTC-USD" } p && Dec(p.Size) == 0.1m);
        await events.WaitForAsync(e => e.Position is { Market: "ETH-USD" } p && Dec(p.Size) == 30m);

        var positions = (await client.ListPositionsAsync(new ListPositionsRequest())).Positions;
        var isolated = positions.Single(p => p.Market == "BTC-USD");
        var cross = positions.Single(p => p.Market == "ETH-USD");
        isolated.MarginMode.ShouldBe(MarginMode.Isolated);
        cross.MarginMode.ShouldBe(MarginMode.Cross);
        Dec(isolated.Size).ShouldBe(0.1m);
        Dec(cross.Size).ShouldBe(30m);

        // a 10x long is liquidated after a fall of less than 10%, and above the entry price times (1 - 1/leverage)
        var entry = Dec(isolated.EntryPrice);
        var liquidation = Dec(isolated.LiquidationPrice);
        liquidation.ShouldBeLessThan(entry);
        liquidation.ShouldBeGreaterThan(entry * 0.9m);

        // the cross position is backed by the whole account, so its liquidation price is far below 1/leverage under entry
        var crossEntry = Dec(cross.EntryPrice);
        var crossLiquidation = Dec(cross.LiquidationPrice);
        crossLiquidation.ShouldBeGreaterThan(0m);
        crossLiquidation.ShouldBeLessThan(crossEntry * (1m - (1m / 20m)));
        var summary = await client.GetAccountSummaryAsync(new GetAccountSummaryRequest());
        Dec(summary.IsolatedMargin).ShouldBeGreaterThan(0m);
    }

    [Fact]
    public async Task Orders_are_routed_to_the_venue_with_the_better_price_after_fees()
    {
        using var client = _host.DemoClient();
        await using var events = await AccountEvents.SubscribeAsync(client);

        Accepted(await client.PlaceOrderAsync(Market("route-1", "SOL-USD", "1", MarginMode.Cross, 3)));
        var fill = (await events.WaitForAsync(e => e.Fill?.ClientOrderId == "route-1")).Fill;

        // sim-a quotes one tick around its reference with four times the depth and lower fees; sim-b two ticks
        fill.Venue.ShouldBe("sim-a");
    }

    private static PlaceOrderRequest Market(string id, string market, string size, MarginMode mode, uint leverage) => new()
    {
        ClientOrderId = id,
        Market = market,
        Side = Side.Buy,
        Type = OrderType.Market,
        Size = size,
        MarginMode = mode,
        Leverage = leverage,
    };

    private static void Accepted(PlaceOrderReply reply) =>
        reply.Order.Status.ShouldBeOneOf([OrderStatus.Filled, OrderStatus.Pending, OrderStatus.PartiallyFilled], reply.Order.ToString());

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
