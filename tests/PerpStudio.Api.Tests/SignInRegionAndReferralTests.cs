using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using GrainKeys = PerpStudio.Grains.Abstractions.GrainKeys;
using LedgerEntryKind = PerpStudio.Grains.Abstractions.LedgerEntryKind;
using PerpStudio.Grains.Events;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

public sealed class SignInRegionAndReferralTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public SignInRegionAndReferralTests(ApiServer server) => _server = server;

    [Fact]
    public async Task A_sign_in_from_a_blocked_region_is_refused_and_leaves_the_challenge_usable()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("geo"));
        await _server.CallAsync<UpdateDomainsRequest, OperatorConfig>("OperatorAdminService", "UpdateDomains", new UpdateDomainsRequest { BlockedRegions = { "us", "KP" } }, admin);
        var wallet = PrivateKey.Generate();

        var challengeRefused = await Should.ThrowAsync<RpcException>(() => ChallengeAsync("geo", wallet, "US"));
        challengeRefused.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        challengeRefused.Trailers.GetValue("perpstudio-error-code").ShouldBe("region_blocked");

        // the challenge came through another edge; the sign-in itself is checked again
        var challenge = await ChallengeAsync("geo", wallet, region: null);
        var signature = PersonalMessage.Sign(wallet, challenge.Message).ToHex();
        var refused = await Should.ThrowAsync<RpcException>(() => SignInAsync("geo", challenge.Message, signature, "kp"));
        refused.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        refused.Trailers.GetValue("perpstudio-error-code").ShouldBe("region_blocked");
        refused.Status.Detail.ShouldContain("KP");

        (await SignInAsync("geo", challenge.Message, signature, "FR")).TraderAddress.ShouldBe(wallet.Address.ToString());
    }

    [Fact]
    public async Task An_unknown_region_is_allowed_unless_the_operator_blocks_unknown_regions()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("geo-unknown"));
        await _server.CallAsync<UpdateDomainsRequest, OperatorConfig>("OperatorAdminService", "UpdateDomains", new UpdateDomainsRequest { BlockedRegions = { "US" } }, admin);
        (await ChallengeAsync("geo-unknown", PrivateKey.Generate(), "XX")).Message.ShouldNotBeEmpty();
        (await ChallengeAsync("geo-unknown", PrivateKey.Generate(), region: null)).Message.ShouldNotBeEmpty();

        var config = await _server.CallAsync<UpdateDomainsRequest, OperatorConfig>("OperatorAdminService", "UpdateDomains",
            new UpdateDomainsRequest { BlockedRegions = { "US" }, BlockUnknownRegion = true }, admin);
        config.BlockUnknownRegion.ShouldBeTrue();
        foreach (var region in new[] { null, "XX", "T1", "1A" })
        {
            var refused = await Should.ThrowAsync<RpcException>(() => ChallengeAsync("geo-unknown", PrivateKey.Generate(), region));
            refused.StatusCode.ShouldBe(StatusCode.PermissionDenied, region);
            refused.Trailers.GetValue("perpstudio-error-code").ShouldBe("region_blocked");
        }

        (await ChallengeAsync("geo-unknown", PrivateKey.Generate(), "de")).Message.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_trader_signing_in_with_a_referral_code_earns_the_referrer_a_rebate_on_each_fill()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("refer"));
        var bob = PrivateKey.Generate();
        await _server.CallAsync<SetFeesRequest, OperatorConfig>("OperatorAdminService", "SetFees", new SetFeesRequest
        {
            Fees = new FeeSchedule { MakerMarkup = "0.0001", TakerMarkup = "0.0005", ReferralRebate = "0.5", Split = new RevenueSplit { OperatorShare = "0.8", PlatformShare = "0.2" } },
            ReferralCodes = { new ReferralCode { Code = "BOB-1", ReferrerAddress = bob.Address.ToString() } },
        }, admin);

        var alice = PrivateKey.Generate();
        var unknown = await Should.ThrowAsync<RpcException>(() => SignInWithCodeAsync("refer", alice, "NOPE-1"));
        unknown.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        unknown.Trailers.GetValue("perpstudio-error-code").ShouldBe("referral_code_unknown");
        var self = await Should.ThrowAsync<RpcException>(() => SignInWithCodeAsync("refer", bob, "BOB-1"));
        self.Trailers.GetValue("perpstudio-error-code").ShouldBe("self_referral");

        var session = ApiServer.Session((await SignInWithCodeAsync("refer", alice, "bob-1")).SessionToken);
        var again = await _server.CallAsync<SetReferrerRequest, SetReferrerReply>("AuthService", "SetReferrer", new SetReferrerRequest { ReferralCode = "BOB-1" }, session);
        again.ReferrerAddress.ShouldBe(bob.Address.ToString());

        var bobKey = GrainKeys.Account("refer", bob.Address.ToLowerHex());
        var rebated = AccountSignals.WaitForAsync(_server, "refer", bob.Address.ToLowerHex(), e => e is MarginChanged { Entry.Kind: LedgerEntryKind.ReferralRebate });
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "5000", DepositId = "d1" }, session);
        await _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
        {
            ClientOrderId = "m1", Market = "BTC-USD", Side = Side.Buy, Type = OrderType.Market, Size = "0.01", MarginMode = MarginMode.Cross, Leverage = 10,
        }, session);
        var rebate = ((MarginChanged)await rebated).Entry!;
        rebate.Amount.IsPositive.ShouldBeTrue();
        rebate.Key.ShouldStartWith("referral:");

        var bobSession = ApiServer.Session(await _server.SignInAsync("refer", bob));
        var ledger = await _server.CallAsync<GetLedgerRequest, GetLedgerReply>("AccountService", "GetLedger", new GetLedgerRequest(), bobSession);
        var entry = ledger.Entries.ShouldHaveSingleItem();
        entry.Kind.ShouldBe("referral_rebate");
        entry.Amount.ShouldBe(rebate.Amount.ToString());

        var report = await _server.CallAsync<GetRevenueReportRequest, RevenueReport>("OperatorAdminService", "GetRevenueReport", new GetRevenueReportRequest(), admin);
        var row = report.Rows.ShouldHaveSingleItem();
        row.Market.ShouldBe("BTC-USD");
        row.ReferralRebates.ShouldBe(rebate.Amount.ToString());
        report.TotalReferralRebates.ShouldBe(row.ReferralRebates);
        bobKey.ShouldNotBeEmpty();

        // a referrer is set once
        var carol = PrivateKey.Generate();
        await _server.CallAsync<SetFeesRequest, OperatorConfig>("OperatorAdminService", "SetFees", new SetFeesRequest
        {
            Fees = new FeeSchedule { MakerMarkup = "0.0001", TakerMarkup = "0.0005", ReferralRebate = "0.5", Split = new RevenueSplit { OperatorShare = "0.8", PlatformShare = "0.2" } },
            ReferralCodes =
            {
                new ReferralCode { Code = "BOB-1", ReferrerAddress = bob.Address.ToString() },
                new ReferralCode { Code = "CAROL", ReferrerAddress = carol.Address.ToString() },
            },
        }, admin);
        var changed = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<SetReferrerRequest, SetReferrerReply>("AuthService", "SetReferrer",
            new SetReferrerRequest { ReferralCode = "CAROL" }, session));
        changed.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        changed.Trailers.GetValue("perpstudio-error-code").ShouldBe("referrer_already_set");

        // a referred trader cannot hold a code: rebates never flow in chains
        var chained = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<SetFeesRequest, OperatorConfig>("OperatorAdminService", "SetFees", new SetFeesRequest
        {
            Fees = new FeeSchedule { MakerMarkup = "0.0001", TakerMarkup = "0.0005", Split = new RevenueSplit { OperatorShare = "1", PlatformShare = "0" } },
            ReferralCodes = { new ReferralCode { Code = "ALICE", ReferrerAddress = alice.Address.ToString() } },
        }, admin));
        chained.Trailers.GetValue("perpstudio-error-code").ShouldBe("referrer_is_referred");
        chained.Trailers.GetValue("perpstudio-error-field").ShouldBe("referral_codes[0].referrer_address");
    }

    private Task<SignInChallenge> ChallengeAsync(string operatorId, PrivateKey wallet, string? region) =>
        _server.CallAsync<GetSignInChallengeRequest, SignInChallenge>("AuthService", "GetSignInChallenge",
            new GetSignInChallengeRequest { Address = wallet.Address.ToString(), ChainId = 1 }, Headers(operatorId, region));

    private Task<SignInReply> SignInAsync(string operatorId, string message, string signature, string? region) =>
        _server.CallAsync<SignInRequest, SignInReply>("AuthService", "SignIn", new SignInRequest { Message = message, Signature = signature }, Headers(operatorId, region));

    private async Task<SignInReply> SignInWithCodeAsync(string operatorId, PrivateKey wallet, string code)
    {
        var challenge = await ChallengeAsync(operatorId, wallet, region: null);
        return await _server.CallAsync<SignInRequest, SignInReply>("AuthService", "SignIn",
            new SignInRequest { Message = challenge.Message, Signature = PersonalMessage.Sign(wallet, challenge.Message).ToHex(), ReferralCode = code }, Headers(operatorId, null));
    }

    private static Metadata Headers(string operatorId, string? region)
    {
        var headers = new Metadata().Add("x-operator-id", operatorId);
        return region is null ? headers : headers.Add("cf-ipcountry", region);
    }
}
