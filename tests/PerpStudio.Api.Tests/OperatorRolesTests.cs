using Google.Protobuf;
using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

/// <summary>Operator roles: admin keys change the operator, viewer keys (read alone, no trader) only read it.</summary>
public sealed class OperatorRolesTests : IClassFixture<ApiServer>
{
    private readonly ApiServer _server;

    public OperatorRolesTests(ApiServer server) => _server = server;

    private Task<TResponse> Admin<TRequest, TResponse>(string method, TRequest request, Metadata credential)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new() =>
        _server.CallAsync<TRequest, TResponse>("OperatorAdminService", method, request, credential);

    private async Task<Metadata> ViewerAsync(Metadata admin)
    {
        var created = await Admin<CreateApiKeyRequest, CreateApiKeyReply>("CreateApiKey",
            new CreateApiKeyRequest { Label = "accounting", Scopes = { ApiKeyScope.Read } }, admin);
        created.Key.TraderAddress.ShouldBeEmpty();
        created.Key.Scopes.ShouldBe([ApiKeyScope.Read]);
        return ApiServer.Key(created.Secret);
    }

    [Fact]
    public async Task A_viewer_key_reads_the_operator_its_keys_users_revenue_and_audit()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("viewed"));
        var viewer = await ViewerAsync(admin);

        (await Admin<GetOperatorRequest, OperatorConfig>("GetOperator", new GetOperatorRequest(), viewer)).OperatorId.ShouldBe("viewed");
        (await Admin<ListApiKeysRequest, ListApiKeysReply>("ListApiKeys", new ListApiKeysRequest(), viewer)).Keys.ShouldContain(k => k.Label == "accounting");
        await Admin<ListUsersRequest, ListUsersReply>("ListUsers", new ListUsersRequest(), viewer);
        await Admin<GetRevenueReportRequest, RevenueReport>("GetRevenueReport", new GetRevenueReportRequest(), viewer);
        (await Admin<GetAuditLogRequest, GetAuditLogReply>("GetAuditLog", new GetAuditLogRequest(), viewer)).Entries
            .ShouldContain(e => e.Action == "CreateApiKey" && e.Detail.Contains("Read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_viewer_key_changes_nothing_and_each_change_is_refused_with_its_reason()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("lookonly"));
        var viewer = await ViewerAsync(admin);
        var before = await Admin<GetOperatorRequest, OperatorConfig>("GetOperator", new GetOperatorRequest(), admin);

        var refusals = new List<RpcException>
        {
            await Should.ThrowAsync<RpcException>(() => Admin<UpdateBrandingRequest, OperatorConfig>("UpdateBranding",
                new UpdateBrandingRequest { Branding = new Branding { DisplayName = "Hijacked" } }, viewer)),
            await Should.ThrowAsync<RpcException>(() => Admin<SetFeesRequest, OperatorConfig>("SetFees",
                new SetFeesRequest { Fees = new FeeSchedule { MakerMarkup = "0.001", TakerMarkup = "0.001", Split = new RevenueSplit { OperatorShare = "1", PlatformShare = "0" } } }, viewer)),
            await Should.ThrowAsync<RpcException>(() => Admin<CreateApiKeyRequest, CreateApiKeyReply>("CreateApiKey",
                new CreateApiKeyRequest { Label = "escalate", Scopes = { ApiKeyScope.Admin } }, viewer)),
        };

        foreach (var refused in refusals)
        {
            refused.StatusCode.ShouldBe(StatusCode.PermissionDenied);
            refused.Trailers.GetValue("perpstudio-error-code").ShouldBe("scope_missing");
        }

        var after = await Admin<GetOperatorRequest, OperatorConfig>("GetOperator", new GetOperatorRequest(), admin);
        after.Version.ShouldBe(before.Version);
        after.Branding.DisplayName.ShouldBe(before.Branding.DisplayName);
    }

    [Fact]
    public async Task A_trader_s_session_cannot_read_the_operator_and_a_trade_key_needs_a_trader()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("privateop"));
        var session = ApiServer.Session(await _server.SignInAsync("privateop", PrivateKey.Generate()));

        var denied = await Should.ThrowAsync<RpcException>(() => Admin<GetRevenueReportRequest, RevenueReport>("GetRevenueReport", new GetRevenueReportRequest(), session));
        denied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        var audit = await Should.ThrowAsync<RpcException>(() => Admin<GetAuditLogRequest, GetAuditLogReply>("GetAuditLog", new GetAuditLogRequest(), session));
        audit.StatusCode.ShouldBe(StatusCode.PermissionDenied);

        var tradeKey = await Should.ThrowAsync<RpcException>(() => Admin<CreateApiKeyRequest, CreateApiKeyReply>("CreateApiKey",
            new CreateApiKeyRequest { Label = "bot", Scopes = { ApiKeyScope.Trade } }, admin));
        tradeKey.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        tradeKey.Trailers.GetValue("perpstudio-error-field").ShouldBe("trader_address");
    }
}
