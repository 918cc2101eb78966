using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;
using PerpStudio.Venues.Simulated;

namespace PerpStudio.Api.Tests;

public sealed class PreciseErrorTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public PreciseErrorTests(ApiServer server) => _server = server;

    [Theory]
    [InlineData("100000.5", "0.01", 10u, "BTC-USD", StatusCode.InvalidArgument, "limit_price", "price_off_tick")]
    [InlineData("100000", "0.123456789", 10u, "BTC-USD", StatusCode.InvalidArgument, "size", "size_too_precise")]
    [InlineData("100000", "0.01", 30u, "BTC-USD", StatusCode.InvalidArgument, "leverage", "leverage_out_of_range")]
    [InlineData("100000", "0.01", 10u, "DOGE-USD", StatusCode.NotFound, "market", "unknown_market")]
    [InlineData("100000", "5", 10u, "BTC-USD", StatusCode.FailedPrecondition, "", "insufficient_margin")]
    [InlineData("1e5", "0.01", 10u, "BTC-USD", StatusCode.InvalidArgument, "limit_price", "limit_price_invalid")]
    public async Task A_refused_order_names_its_field_and_code_and_changes_nothing(
        string price, string size, uint leverage, string market, StatusCode code, string field, string errorCode)
    {
        var (session, _) = await FundedTraderAsync();
        var before = await SnapshotAsync(session);
        var refused = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "e-1", Market = market, Side = Side.Buy, Type = OrderType.Limit, Size = size, LimitPrice = price,
            TimeInForce = TimeInForce.Gtc, MarginMode = MarginMode.Cross, Leverage = leverage,
        }, session));

        refused.StatusCode.ShouldBe(code);
        refused.Trailers.GetValue("perpstudio-error-code").ShouldBe(errorCode);
        (refused.Trailers.GetValue("perpstudio-error-field") ?? string.Empty).ShouldBe(field);
        refused.Status.Detail.ShouldStartWith(field.Length > 0 ? $"{field}: {errorCode}: " : $"{errorCode}: ");
        (await SnapshotAsync(session)).ShouldBe(before);
    }

    [Fact]
    public async Task Too_precise_sizes_quote_the_value_and_the_allowed_decimals()
    {
        var (session, _) = await FundedTraderAsync();
        var refused = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "p-1", Market = "BTC-USD", Side = Side.Buy, Type = OrderType.Market, Size = "0.123456789", MarginMode = MarginMode.Cross, Leverage = 5,
        }, session));
        refused.Status.Detail.ShouldBe("size: size_too_precise: '0.123456789' has more than 8 decimals");
    }

    [Fact]
    public async Task An_unspecified_required_enum_is_invalid_argument_naming_it()
    {
        var (session, _) = await FundedTraderAsync();
        var refused = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "u-1", Market = "BTC-USD", Side = Side.Buy, Type = OrderType.Market, Size = "0.01", Leverage = 5,
        }, session));
        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Trailers.GetValue("perpstudio-error-field").ShouldBe("margin_mode");
    }

    [Fact]
    public async Task A_stale_mark_refuses_risk_increasing_orders_with_failed_precondition()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("stale-" + Guid.NewGuid().ToString("N")[..8]));
        // stale after one second; the venue then goes dark and the clock moves on
        var wallet = PrivateKey.Generate();
        var operatorId = (await _server.CallAsync<GetOperatorRequest, OperatorConfig>("OperatorAdminService", "GetOperator", new GetOperatorRequest(), admin)).OperatorId;
        await _server.CallAsync<SetRiskPolicyRequest, OperatorConfig>("OperatorAdminService", "SetRiskPolicy", new SetRiskPolicyRequest { Risk = new RiskPolicy { StalePriceMs = 1000 } }, admin);
        var trader = ApiServer.Session(await _server.SignInAsync(operatorId, wallet));
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "1000", DepositId = "d" }, trader);
        await _server.CallAsync<GetMarksRequest, GetMarksReply>("MarketDataService", "GetMarks", new GetMarksRequest { Market = "ETH-USD" }, trader);
        _server.Exchange.Faults = new SimulatedFaults { Unreachable = true };
        try
        {
            _server.Time.Advance(TimeSpan.FromSeconds(5));
            var refused = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
            {
                ClientOrderId = "s-1", Market = "ETH-USD", Side = Side.Buy, Type = OrderType.Limit, Size = "0.1", LimitPrice = "2900",
                TimeInForce = TimeInForce.Gtc, MarginMode = MarginMode.Cross, Leverage = 5,
            }, trader));
            refused.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
            refused.Trailers.GetValue("perpstudio-error-code").ShouldBe("stale_mark");
        }
        finally
        {
            _server.Exchange.Faults = SimulatedFaults.None;
        }
    }

    private async Task<(Metadata Session, string OperatorId)> FundedTraderAsync()
    {
        var operatorId = "pe-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateOperatorAsync(operatorId);
        var session = ApiServer.Session(await _server.SignInAsync(operatorId, PrivateKey.Generate()));
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "1000", DepositId = "d" }, session);
        return (session, operatorId);
    }

    private async Task<string> SnapshotAsync(Metadata session)
    {
        var summary = await _server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), session);
        var orders = await _server.CallAsync<ListOpenOrdersRequest, ListOpenOrdersReply>("AccountService", "ListOpenOrders", new ListOpenOrdersRequest(), session);
        var ledger = await _server.CallAsync<GetLedgerRequest, GetLedgerReply>("AccountService", "GetLedger", new GetLedgerRequest(), session);
        return $"{summary}|{orders}|{ledger}";
    }
}
