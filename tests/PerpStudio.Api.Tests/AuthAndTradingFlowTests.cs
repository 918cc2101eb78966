using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grains.Events;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

public sealed class AuthAndTradingFlowTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public AuthAndTradingFlowTests(ApiServer server) => _server = server;

    [Fact]
    public async Task A_wallet_signs_in_funds_itself_and_trades_through_the_api()
    {
        await _server.CreateOperatorAsync("flow");
        var wallet = PrivateKey.Generate();
        var trader = wallet.Address.ToLowerHex();
        var session = ApiServer.Session(await _server.SignInAsync("flow", wallet));

        var deposit = await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "3000", DepositId = "d1" }, session);
        deposit.Collateral.ShouldBe("3000");
        var again = await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "3000", DepositId = "d1" }, session);
        again.Collateral.ShouldBe("3000");

        // a resting limit order, modified then cancelled
        var resting = await _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "rest-1", Market = "BTC-USD", Side = Side.Buy, Type = OrderType.Limit, Size = "0.01", LimitPrice = "90000",
            TimeInForce = TimeInForce.Gtc, MarginMode = MarginMode.Cross, Leverage = 10,
        }, session);
        resting.Order.Status.ShouldBe(OrderStatus.Open);
        var open = await _server.CallAsync<ListOpenOrdersRequest, ListOpenOrdersReply>("AccountService", "ListOpenOrders", new ListOpenOrdersRequest(), session);
        open.Orders.Select(o => o.ClientOrderId).ShouldContain("rest-1");
        var modified = await _server.CallAsync<ModifyOrderRequest, ModifyOrderReply>("TradingService", "ModifyOrder",
            new ModifyOrderRequest { ClientOrderId = "rest-1", LimitPrice = "91000" }, session);
        modified.Order.LimitPrice.ShouldBe("91000");
        var cancelled = await _server.CallAsync<CancelOrderRequest, CancelOrderReply>("TradingService", "CancelOrder", new CancelOrderRequest { ClientOrderId = "rest-1" }, session);
        cancelled.Order.Status.ShouldBe(OrderStatus.Cancelled);

        // a market order fills (0.05 a level: two fills); they reach the account through the venue's feed
        var filled = AccountSignals.WaitForAsync(_server, "flow", trader, e => e is FillApplied f && f.Fill.PositionAfter == Domain.Primitives.Quantity.Parse("0.1"));
        var market = await _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "mkt-1", Market = "BTC-USD", Side = Side.Buy, Type = OrderType.Market, Size = "0.1", MarginMode = MarginMode.Cross, Leverage = 10,
        }, session);
        market.Order.Status.ShouldNotBe(OrderStatus.Rejected);
        await filled;
        var positions = await _server.CallAsync<ListPositionsRequest, ListPositionsReply>("AccountService", "ListPositions", new ListPositionsRequest(), session);
        var position = positions.Positions.ShouldHaveSingleItem();
        position.Size.ShouldBe("0.1");
        position.LiquidationPrice.ShouldNotBeEmpty();

        var leverage = await _server.CallAsync<UpdateLeverageRequest, UpdateLeverageReply>("TradingService", "UpdateLeverage",
            new UpdateLeverageRequest { Market = "BTC-USD", MarginMode = MarginMode.Cross, Leverage = 5 }, session);
        leverage.Leverage.ShouldBe(5u);

        var tpsl = await _server.CallAsync<SetTpSlRequest, SetTpSlReply>("TradingService", "SetTpSl",
            new SetTpSlRequest { Market = "BTC-USD", TakeProfitPrice = "120000", StopLossPrice = "80000" }, session);
        tpsl.Orders.Count.ShouldBe(2);
        tpsl.Position.TakeProfitPrice.ShouldBe("120000");
        tpsl.Position.StopLossPrice.ShouldBe("80000");

        var summary = await _server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), session);
        summary.TraderAddress.ShouldBe(wallet.Address.ToString());
        var ledger = await _server.CallAsync<GetLedgerRequest, GetLedgerReply>("AccountService", "GetLedger", new GetLedgerRequest(), session);
        ledger.Entries.ShouldContain(e => e.Kind == "deposit" && e.Amount == "3000");
        var fills = await _server.CallAsync<ListFillsRequest, ListFillsReply>("AccountService", "ListFills", new ListFillsRequest(), session);
        fills.Fills.ShouldNotBeEmpty();

        var preview = await _server.CallAsync<PlaceOrderRequest, OrderPreview>("RiskService", "PreviewOrder", new PlaceOrderRequest
        {
            Market = "BTC-USD", Side = Side.Buy, Type = OrderType.Limit, Size = "0.01", LimitPrice = "99000", TimeInForce = TimeInForce.Gtc, MarginMode = MarginMode.Cross, Leverage = 5,
        }, session);
        preview.Accepted.ShouldBeTrue(preview.RefusalMessage);
        decimal.Parse(preview.MarginRequired, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(198m); // 990 / 5, plus any fee reserve
        var stress = await _server.CallAsync<StressTestRequest, StressTestReply>("RiskService", "StressTest", new StressTestRequest { DefaultChange = "-0.5" }, session);
        stress.Positions.ShouldHaveSingleItem().Market.ShouldBe("BTC-USD");
        var sizing = await _server.CallAsync<SizeByRiskRequest, SizeByRiskReply>("RiskService", "SizeByRisk", new SizeByRiskRequest
        {
            Market = "ETH-USD", Side = Side.Buy, EntryPrice = "3000", StopPrice = "2900", MaxLoss = "100", MarginMode = MarginMode.Cross,
        }, session);
        sizing.Feasible.ShouldBeTrue(sizing.Reason);
        sizing.Size.ShouldNotBeEmpty();

        // closing flattens the position
        var closed = AccountSignals.WaitForAsync(_server, "flow", trader, e => e is PositionChanged p && p.Position.Size.IsZero);
        await _server.CallAsync<ClosePositionRequest, ClosePositionReply>("TradingService", "ClosePosition", new ClosePositionRequest { Market = "BTC-USD" }, session);
        await closed;
        var after = await _server.CallAsync<ListPositionsRequest, ListPositionsReply>("AccountService", "ListPositions", new ListPositionsRequest(), session);
        after.Positions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Isolated_margin_is_added_and_removed_through_the_api()
    {
        await _server.CreateOperatorAsync("iso");
        var wallet = PrivateKey.Generate();
        var session = ApiServer.Session(await _server.SignInAsync("iso", wallet));
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "50000", DepositId = "d1" }, session);
        var filled = AccountSignals.WaitForAsync(_server, "iso", wallet.Address.ToLowerHex(), e => e is FillApplied);
        await _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "iso-1", Market = "ETH-USD", Side = Side.Sell, Type = OrderType.Market, Size = "1", MarginMode = MarginMode.Isolated, Leverage = 5,
        }, session);
        await filled;

        var added = await _server.CallAsync<UpdateIsolatedMarginRequest, UpdateIsolatedMarginReply>("TradingService", "UpdateIsolatedMargin",
            new UpdateIsolatedMarginRequest { Market = "ETH-USD", Amount = "100", TransferId = "t1" }, session);
        var marginAfterAdd = decimal.Parse(added.Position.Margin, System.Globalization.CultureInfo.InvariantCulture);
        var preview = await _server.CallAsync<UpdateIsolatedMarginRequest, MarginChangePreview>("RiskService", "PreviewIsolatedMargin",
            new UpdateIsolatedMarginRequest { Market = "ETH-USD", Amount = "-50" }, session);
        preview.Accepted.ShouldBeTrue(preview.RefusalMessage);
        var removed = await _server.CallAsync<UpdateIsolatedMarginRequest, UpdateIsolatedMarginReply>("TradingService", "UpdateIsolatedMargin",
            new UpdateIsolatedMarginRequest { Market = "ETH-USD", Amount = "-50", TransferId = "t2" }, session);
        decimal.Parse(removed.Position.Margin, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(marginAfterAdd - 50m);

        var tooMuch = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<UpdateIsolatedMarginRequest, UpdateIsolatedMarginReply>("TradingService", "UpdateIsolatedMargin",
            new UpdateIsolatedMarginRequest { Market = "ETH-USD", Amount = "-100000", TransferId = "t3" }, session));
        tooMuch.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
    }
}
