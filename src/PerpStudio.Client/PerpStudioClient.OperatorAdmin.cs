using PerpStudio.Contracts.V1;

namespace PerpStudio.Client;

/// <summary>The methods of <c>perpstudio.v1.OperatorAdminService</c>.</summary>
public sealed partial class PerpStudioClient
{
    private const string OperatorAdminService = "/perpstudio.v1.OperatorAdminService/";

    /// <summary>Calls OperatorAdminService.CreateOperator.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> CreateOperatorAsync(CreateOperatorRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<CreateOperatorRequest, OperatorConfig>(OperatorAdminService + "CreateOperator", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.GetOperator.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> GetOperatorAsync(GetOperatorRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetOperatorRequest, OperatorConfig>(OperatorAdminService + "GetOperator", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.UpdateBranding.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> UpdateBrandingAsync(UpdateBrandingRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<UpdateBrandingRequest, OperatorConfig>(OperatorAdminService + "UpdateBranding", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.UpdateDomains.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> UpdateDomainsAsync(UpdateDomainsRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<UpdateDomainsRequest, OperatorConfig>(OperatorAdminService + "UpdateDomains", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.SetMarkets.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> SetMarketsAsync(SetMarketsRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<SetMarketsRequest, OperatorConfig>(OperatorAdminService + "SetMarkets", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.SetFees.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> SetFeesAsync(SetFeesRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<SetFeesRequest, OperatorConfig>(OperatorAdminService + "SetFees", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.SetFeatures.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> SetFeaturesAsync(SetFeaturesRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<SetFeaturesRequest, OperatorConfig>(OperatorAdminService + "SetFeatures", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.SetRiskPolicy.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> SetRiskPolicyAsync(SetRiskPolicyRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<SetRiskPolicyRequest, OperatorConfig>(OperatorAdminService + "SetRiskPolicy", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.CreateApiKey.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<CreateApiKeyReply> CreateApiKeyAsync(CreateApiKeyRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<CreateApiKeyRequest, CreateApiKeyReply>(OperatorAdminService + "CreateApiKey", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.RevokeApiKey.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<RevokeApiKeyReply> RevokeApiKeyAsync(RevokeApiKeyRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<RevokeApiKeyRequest, RevokeApiKeyReply>(OperatorAdminService + "RevokeApiKey", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.ListApiKeys.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ListApiKeysReply> ListApiKeysAsync(ListApiKeysRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ListApiKeysRequest, ListApiKeysReply>(OperatorAdminService + "ListApiKeys", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.ListUsers.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<ListUsersReply> ListUsersAsync(ListUsersRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<ListUsersRequest, ListUsersReply>(OperatorAdminService + "ListUsers", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.GetRevenueReport.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<RevenueReport> GetRevenueReportAsync(GetRevenueReportRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetRevenueReportRequest, RevenueReport>(OperatorAdminService + "GetRevenueReport", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.GetAuditLog.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<GetAuditLogReply> GetAuditLogAsync(GetAuditLogRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<GetAuditLogRequest, GetAuditLogReply>(OperatorAdminService + "GetAuditLog", request, deadline, cancellationToken);

    /// <summary>Calls OperatorAdminService.UploadBrandAsset: stores a logo or favicon image and points the branding at it.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">When the call fails with DEADLINE_EXCEEDED; null for <see cref="PerpStudioClientOptions.DefaultTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the call (CANCELLED).</param>
    public Task<OperatorConfig> UploadBrandAssetAsync(UploadBrandAssetRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnaryAsync<UploadBrandAssetRequest, OperatorConfig>(OperatorAdminService + "UploadBrandAsset", request, deadline, cancellationToken);
}
