using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Application;
using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grains.Events;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

/// <summary>
/// Every method of the API, called against a victim trader's resources (its order ids, markets, keys) by callers who
/// must not reach them: no credential, an expired session, another trader of the same operator, a trader of another
/// operator, another operator's admin. Each gets the right status and the victim's account and operator are unchanged.
/// </summary>
public sealed class TenancyMatrixTests : IClassFixture<ApiServer>
{
    private const string Victim = "victim-op";
    private readonly ApiServer _server;

    public TenancyMatrixTests(ApiServer server) => _server = server;

    [Fact]
    public async Task No_caller_reaches_another_tenants_or_traders_state_through_any_method()
    {
        var victimAdmin = ApiServer.Key(await _server.CreateOperatorAsync(Victim));
        var victimWallet = PrivateKey.Generate();
        var victim = ApiServer.Session(await _server.SignInAsync(Victim, victimWallet));
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "5000", DepositId = "v1" }, victim);
        await _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", Order("victim-order", "BTC-USD", "90000"), victim);
        var filled = AccountSignals.WaitForAsync(_server, Victim, victimWallet.Address.ToLowerHex(), e => e is FillApplied);
        await _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "victim-eth", Market = "ETH-USD", Side = Side.Buy, Type = OrderType.Market, Size = "1", MarginMode = MarginMode.Cross, Leverage = 5,
        }, victim);
        await filled;
        var victimKey = await _server.CallAsync<CreateApiKeyRequest, CreateApiKeyReply>("OperatorAdminService", "CreateApiKey",
            new CreateApiKeyRequest { Label = "bot", Scopes = { ApiKeyScope.Trade }, TraderAddress = victimWallet.Address.ToString() }, victimAdmin);

        var otherAdmin = ApiServer.Key(await _server.CreateOperatorAsync("attacker-op"));
        var callers = new Dictionary<string, Metadata?>
        {
            ["no credential"] = null,
            ["trader of the same operator"] = ApiServer.Session(await _server.SignInAsync(Victim, PrivateKey.Generate())),
            ["trader of another operator"] = ApiServer.Session(await _server.SignInAsync("attacker-op", PrivateKey.Generate())),
            ["admin of another operator"] = otherAdmin,
            ["revoked-looking forged key"] = ApiServer.Key("psk_0000000000000000_" + new string('A', 43)),
        };
        var expiring = ApiServer.Session(await _server.SignInAsync(Victim, PrivateKey.Generate()));

        var before = await VictimStateAsync(victimWallet);
        var requests = VictimTargetingRequests(victimWallet.Address, victimKey.Key.KeyId);
        foreach (var (name, headers) in callers)
        {
            foreach (var method in DescriptorCalls.Methods)
            {
                var outcome = await DescriptorCalls.InvokeAsync(_server.Client, method, requests(method), headers);
                Judge(name, method, outcome);
            }
        }

        _server.Time.Advance(TimeSpan.FromHours(25));
        foreach (var method in DescriptorCalls.Methods)
        {
            var outcome = await DescriptorCalls.InvokeAsync(_server.Client, method, requests(method), expiring);
            outcome.Code.ShouldBe(StatusCode.Unauthenticated, $"expired session: {method.FullName}");
            outcome.Trailers.GetValue("perpstudio-error-code").ShouldBe("session_expired");
        }

        (await VictimStateAsync(victimWallet)).ShouldBe(before);
    }

    private static void Judge(string caller, MethodDescriptor method, CallOutcome outcome)
    {
        var because = $"{caller}: {method.FullName} -> {outcome.Code} {outcome.Detail}";
        outcome.Code.ShouldNotBeOneOf([StatusCode.Internal, StatusCode.Unknown, StatusCode.Unimplemented], because);
        var service = method.Service.Name;
        var name = method.Name;
        switch (caller)
        {
            case "no credential" when service != "AuthService":
                outcome.Code.ShouldBe(StatusCode.Unauthenticated, because);
                break;
            case "revoked-looking forged key":
                outcome.Code.ShouldBe(StatusCode.Unauthenticated, because);
                break;
            case "trader of the same operator" or "trader of another operator":
                if (service == "OperatorAdminService")
                {
                    outcome.Code.ShouldBe(StatusCode.PermissionDenied, because);
                }
                else if (name is "CancelOrder" or "ModifyOrder" or "ClosePosition" or "SetTpSl")
                {
                    outcome.Code.ShouldBe(StatusCode.NotFound, because);
                }
                else if (name == "Deposit")
                {
                    outcome.Code.ShouldBe(StatusCode.PermissionDenied, because); // names the victim as trader
                }
                else if (outcome.Reply is AccountSummary summary)
                {
                    summary.Collateral.ShouldBe("0", because); // its own, empty account
                }
                else if (outcome.Reply is ListPositionsReply positions)
                {
                    positions.Positions.ShouldBeEmpty(because);
                }
                else if (outcome.Reply is ListOpenOrdersReply orders)
                {
                    orders.Orders.ShouldBeEmpty(because);
                }

                break;
            case "admin of another operator":
                if (service is "TradingService" or "RiskService" or "StreamService" || (service == "AccountService" && name != "Deposit"))
                {
                    outcome.Code.ShouldBe(StatusCode.PermissionDenied, because);
                }
                else if (name == "RevokeApiKey")
                {
                    outcome.Code.ShouldBe(StatusCode.NotFound, because);
                }
                else if (name == "CreateOperator")
                {
                    outcome.Code.ShouldBe(StatusCode.PermissionDenied, because);
                }
                else if (outcome.Reply is OperatorConfig config)
                {
                    config.OperatorId.ShouldBe("attacker-op", because);
                }

                break;
        }
    }

    private async Task<string> VictimStateAsync(PrivateKey wallet)
    {
        var accounts = _server.Services.GetRequiredService<Application.AccountService>();
        var admin = _server.Services.GetRequiredService<OperatorAdminService>();
        var trader = CallerContext.TraderSession(Victim, wallet.Address, "inspector");
        var op = CallerContext.OperatorAdmin(Victim, "inspector");
        var summary = await accounts.GetSummaryAsync(trader);
        var orders = await accounts.ListOpenOrdersAsync(trader, null);
        var positions = await accounts.ListPositionsAsync(trader);
        var ledger = await accounts.GetLedgerAsync(trader, new Grains.Abstractions.PageRequest(null, 500));
        var config = await admin.GetOperatorAsync(op);
        var keys = await admin.ListApiKeysAsync(op);
        return string.Join("|",
            summary.Collateral, summary.Reserved, string.Join(",", orders.Select(o => $"{o.ClientOrderId}:{o.Status}:{o.Request.LimitPrice}")),
            string.Join(",", positions.Select(p => $"{p.View.Market}:{p.View.Size}:{p.View.Leverage}:{p.TakeProfit}:{p.StopLoss}")),
            ledger.Items.Length, config.Trading.Version, config.Profile.Version, config.Profile.Branding, string.Join(",", keys.Select(k => $"{k.KeyId}:{k.Revoked}")));
    }

    private static PlaceOrderRequest Order(string id, string market, string price) => new()
    {
        ClientOrderId = id, Market = market, Side = Side.Buy, Type = OrderType.Limit, Size = "0.01", LimitPrice = price,
        TimeInForce = TimeInForce.Gtc, MarginMode = MarginMode.Cross, Leverage = 10,
    };

    private static Func<MethodDescriptor, IMessage> VictimTargetingRequests(EthereumAddress victim, string victimKeyId) => method => method.Name switch
    {
        "GetSignInChallenge" => new GetSignInChallengeRequest { Address = victim.ToString(), ChainId = 1 },
        "SignIn" => new SignInRequest { Message = "not a siwe message", Signature = "0x00" },
        "PlaceOrder" or "PreviewOrder" => Order("victim-order", "BTC-USD", "90000"),
        "CancelOrder" => new CancelOrderRequest { ClientOrderId = "victim-order" },
        "CancelAllOrders" => new CancelAllOrdersRequest(),
        "ModifyOrder" => new ModifyOrderRequest { ClientOrderId = "victim-order", LimitPrice = "91000" },
        "ClosePosition" => new ClosePositionRequest { Market = "ETH-USD" },
        "UpdateLeverage" => new UpdateLeverageRequest { Market = "ETH-USD", MarginMode = MarginMode.Cross, Leverage = 3 },
        "UpdateIsolatedMargin" or "PreviewIsolatedMargin" => new UpdateIsolatedMarginRequest { Market = "ETH-USD", Amount = "-10", TransferId = "x1" },
        "SetTpSl" => new SetTpSlRequest { Market = "ETH-USD", TakeProfitPrice = "4000" },
        "Deposit" => new DepositRequest { Amount = "10", DepositId = "x1", TraderAddress = victim.ToString() },
        "Withdraw" => new WithdrawRequest { Amount = "10", WithdrawalId = "x1" },
        "StressTest" => new StressTestRequest { DefaultChange = "-0.1" },
        "SizeByRisk" => new SizeByRiskRequest { Market = "ETH-USD", Side = Side.Buy, EntryPrice = "3000", StopPrice = "2900", MaxLoss = "100" },
        "GetOrderBook" or "SubscribeOrderBook" => new GetOrderBookRequest { Market = "BTC-USD", Depth = 5 },
        "ListTrades" or "SubscribeTrades" => new ListTradesRequest { Market = "BTC-USD" },
        "GetFundingHistory" => new GetFundingHistoryRequest { Market = "BTC-USD" },
        "GetCandles" => new GetCandlesRequest { Market = "BTC-USD", Interval = "1m" },
        "GetLeaderboard" => new GetLeaderboardRequest { Window = "7d", RankBy = "volume" },
        "CreateOperator" => new CreateOperatorRequest { OperatorId = Victim },
        "UpdateBranding" => new UpdateBrandingRequest { Branding = new Branding { DisplayName = "pwned" } },
        "UpdateDomains" => new UpdateDomainsRequest { Subdomain = Victim },
        "SetMarkets" => new SetMarketsRequest(),
        "SetFees" => new SetFeesRequest { Fees = new FeeSchedule { MakerMarkup = "0.001", TakerMarkup = "0.001", Split = new RevenueSplit { OperatorShare = "1", PlatformShare = "0" } } },
        "SetFeatures" => new SetFeaturesRequest { Features = new Features { DemoDeposits = false } },
        "SetRiskPolicy" => new SetRiskPolicyRequest { Risk = new RiskPolicy { StalePriceMs = 1 } },
        "CreateApiKey" => new CreateApiKeyRequest { Label = "steal", Scopes = { ApiKeyScope.Trade }, TraderAddress = victim.ToString() },
        "RevokeApiKey" => new RevokeApiKeyRequest { KeyId = victimKeyId },
        "UploadBrandAsset" => new UploadBrandAssetRequest
        {
            Kind = BrandAssetKind.Logo,
            Content = Google.Protobuf.ByteString.CopyFrom([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]),
        },
        "SetReferrer" => new SetReferrerRequest { ReferralCode = "VICTIM-CODE" },
        _ => (IMessage)Activator.CreateInstance(method.InputType.ClrType)!,
    };
}
