using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Tenancy;
using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

public sealed class OperatorAdminTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public OperatorAdminTests(ApiServer server) => _server = server;

    [Fact]
    public async Task Admin_changes_are_applied_and_recorded_in_the_audit_log_with_actor_and_time()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("acme"));
        var branded = await _server.CallAsync<UpdateBrandingRequest, OperatorConfig>("OperatorAdminService", "UpdateBranding",
            new UpdateBrandingRequest { Branding = new Branding { DisplayName = "Acme Perps", PrimaryColor = "#112233" } }, admin);
        branded.Branding.DisplayName.ShouldBe("Acme Perps");
        var fees = await _server.CallAsync<SetFeesRequest, OperatorConfig>("OperatorAdminService", "SetFees", new SetFeesRequest
        {
            Fees = new FeeSchedule { MakerMarkup = "0.0002", TakerMarkup = "0.0002", Split = new RevenueSplit { OperatorShare = "0.8", PlatformShare = "0.2" } },
        }, admin);
        fees.Fees.Split.PlatformShare.ShouldBe("0.2");
        fees.Fees.Split.OperatorShare.ShouldBe("0.8");

        var audit = await _server.CallAsync<GetAuditLogRequest, GetAuditLogReply>("OperatorAdminService", "GetAuditLog", new GetAuditLogRequest(), admin);
        audit.Entries.Select(e => e.Action).ShouldContain("UpdateBranding");
        audit.Entries.Select(e => e.Action).ShouldContain("SetFees");
        audit.Entries.Select(e => e.Action).ShouldContain("CreateOperator");
        audit.Entries.ShouldAllBe(e => e.Actor.Length > 0 && e.TimeUnixMs > 0);
        audit.Entries.First().Action.ShouldBe("SetFees"); // newest first

        var refused = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<SetFeesRequest, OperatorConfig>("OperatorAdminService", "SetFees", new SetFeesRequest
        {
            Fees = new FeeSchedule { MakerMarkup = "0.0002", TakerMarkup = "0.0002", Split = new RevenueSplit { OperatorShare = "0.8", PlatformShare = "0.3" } },
        }, admin));
        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Trailers.GetValue("perpstudio-error-field").ShouldBe("fees.split");
    }

    [Fact]
    public async Task Operators_are_resolved_by_subdomain_and_custom_domain_and_a_host_has_one_owner()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("hosty"));
        await _server.CallAsync<UpdateDomainsRequest, OperatorConfig>("OperatorAdminService", "UpdateDomains",
            new UpdateDomainsRequest { CustomDomains = { "trade.hosty.example" }, BlockedRegions = { "us" } }, admin);
        var resolver = _server.Services.GetRequiredService<IOperatorResolver>();
        (await resolver.ResolveByHostAsync("hosty.perpstudio.localhost:443")).ShouldBe("hosty");
        (await resolver.ResolveByHostAsync("TRADE.hosty.example")).ShouldBe("hosty");
        (await resolver.ResolveByHostAsync("unknown.example")).ShouldBeNull();

        var rival = ApiServer.Key(await _server.CreateOperatorAsync("rival"));
        var taken = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<UpdateDomainsRequest, OperatorConfig>("OperatorAdminService", "UpdateDomains",
            new UpdateDomainsRequest { CustomDomains = { "trade.hosty.example" } }, rival));
        taken.StatusCode.ShouldBe(StatusCode.AlreadyExists);
        (await resolver.ResolveByHostAsync("trade.hosty.example")).ShouldBe("hosty");
    }

    [Fact]
    public async Task Without_demo_mode_only_the_operator_credits_deposits()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("real-money", demoDeposits: false));
        var wallet = PrivateKey.Generate();
        var session = ApiServer.Session(await _server.SignInAsync("real-money", wallet));
        var self = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit",
            new DepositRequest { Amount = "100", DepositId = "self" }, session));
        self.StatusCode.ShouldBe(StatusCode.PermissionDenied);

        var credited = await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit",
            new DepositRequest { Amount = "100", DepositId = "bank-1", TraderAddress = wallet.Address.ToString() }, admin);
        credited.Collateral.ShouldBe("100");
        var summary = await _server.CallAsync<GetAccountSummaryRequest, AccountSummary>("AccountService", "GetAccountSummary", new GetAccountSummaryRequest(), session);
        summary.Collateral.ShouldBe("100");

        var users = await _server.CallAsync<ListUsersRequest, ListUsersReply>("OperatorAdminService", "ListUsers", new ListUsersRequest(), admin);
        users.Users.ShouldHaveSingleItem().Equity.ShouldBe("100");
        var keys = await _server.CallAsync<ListApiKeysRequest, ListApiKeysReply>("OperatorAdminService", "ListApiKeys", new ListApiKeysRequest(), admin);
        keys.Keys.ShouldContain(k => k.Scopes.Contains(ApiKeyScope.Admin));
    }

    [Fact]
    public async Task Creating_operators_needs_the_platform_key_and_a_taken_id_is_already_exists()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("first"));
        var denied = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<CreateOperatorRequest, OperatorConfig>("OperatorAdminService", "CreateOperator",
            new CreateOperatorRequest { OperatorId = "second" }, admin));
        denied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        var again = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<CreateOperatorRequest, OperatorConfig>("OperatorAdminService", "CreateOperator",
            new CreateOperatorRequest { OperatorId = "first" }, ApiServer.Key(ApiServer.PlatformKey)));
        again.StatusCode.ShouldBe(StatusCode.AlreadyExists);
        var badId = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<CreateOperatorRequest, OperatorConfig>("OperatorAdminService", "CreateOperator",
            new CreateOperatorRequest { OperatorId = "Not/Valid" }, ApiServer.Key(ApiServer.PlatformKey)));
        badId.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        badId.Trailers.GetValue("perpstudio-error-field").ShouldBe("operator_id");
    }
}
