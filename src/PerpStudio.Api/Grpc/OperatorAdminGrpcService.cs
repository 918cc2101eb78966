using System.Globalization;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Contracts.V1;
using PerpStudio.Grpc.Server;

namespace PerpStudio.Api.Grpc;

/// <summary>perpstudio.v1.OperatorAdminService over <see cref="OperatorAdminService"/>.</summary>
public sealed class OperatorAdminGrpcService(Application.OperatorAdminService admin)
{
    /// <summary>Every method bound.</summary>
    public ServiceDefinition Bind() =>
        ServiceBinder.For(OperatorAdminReflection.Descriptor.Services[0])
            .Unary<CreateOperatorRequest, OperatorConfig>("CreateOperator", CreateOperatorAsync)
            .Unary<GetOperatorRequest, OperatorConfig>("GetOperator", async (_, c) => OperatorProto.Config(await admin.GetOperatorAsync(c.Caller())))
            .Unary<UpdateBrandingRequest, OperatorConfig>("UpdateBranding", UpdateBrandingAsync)
            .Unary<UpdateDomainsRequest, OperatorConfig>("UpdateDomains", UpdateDomainsAsync)
            .Unary<SetMarketsRequest, OperatorConfig>("SetMarkets", SetMarketsAsync)
            .Unary<SetFeesRequest, OperatorConfig>("SetFees", SetFeesAsync)
            .Unary<SetFeaturesRequest, OperatorConfig>("SetFeatures", SetFeaturesAsync)
            .Unary<SetRiskPolicyRequest, OperatorConfig>("SetRiskPolicy", SetRiskPolicyAsync)
            .Unary<CreateApiKeyRequest, CreateApiKeyReply>("CreateApiKey", CreateApiKeyAsync)
            .Unary<RevokeApiKeyRequest, RevokeApiKeyReply>("RevokeApiKey", async (r, c) => new RevokeApiKeyReply { Key = OperatorProto.Key(await admin.RevokeApiKeyAsync(c.Caller(), r.KeyId)) })
            .Unary<ListApiKeysRequest, ListApiKeysReply>("ListApiKeys", ListApiKeysAsync)
            .Unary<ListUsersRequest, ListUsersReply>("ListUsers", ListUsersAsync)
            .Unary<GetRevenueReportRequest, RevenueReport>("GetRevenueReport", GetRevenueReportAsync)
            .Unary<GetAuditLogRequest, GetAuditLogReply>("GetAuditLog", GetAuditLogAsync)
            .Unary<UploadBrandAssetRequest, OperatorConfig>("UploadBrandAsset", UploadBrandAssetAsync)
            .Build();

    private async Task<OperatorConfig> CreateOperatorAsync(CreateOperatorRequest request, ServerCallContext context)
    {
        var branding = request.Branding is null ? null : OperatorProto.Branding(request.Branding);
        return OperatorProto.Config(await admin.CreateOperatorAsync(context.Caller(), request.OperatorId, branding, request.Subdomain));
    }

    private async Task<OperatorConfig> UpdateBrandingAsync(UpdateBrandingRequest request, ServerCallContext context)
    {
        var branding = request.Branding ?? throw FieldParser.Required("branding");
        return OperatorProto.Config(await admin.UpdateBrandingAsync(context.Caller(), OperatorProto.Branding(branding)));
    }

    private async Task<OperatorConfig> UpdateDomainsAsync(UpdateDomainsRequest request, ServerCallContext context) =>
        OperatorProto.Config(await admin.UpdateDomainsAsync(context.Caller(), request.Subdomain, [.. request.CustomDomains], [.. request.BlockedRegions], request.BlockUnknownRegion));

    private async Task<OperatorConfig> SetMarketsAsync(SetMarketsRequest request, ServerCallContext context)
    {
        var markets = request.Markets.Select((m, i) => OperatorProto.Market(m, i)).ToList();
        return OperatorProto.Config(await admin.SetMarketsAsync(context.Caller(), markets));
    }

    private async Task<OperatorConfig> SetFeesAsync(SetFeesRequest request, ServerCallContext context)
    {
        var fees = request.Fees ?? throw FieldParser.Required("fees");
        var split = fees.Split ?? throw FieldParser.Required("fees.split");
        var input = new FeeScheduleInput(
            FieldParser.OptionalRate(fees.MakerMarkup, "fees.maker_markup"),
            FieldParser.OptionalRate(fees.TakerMarkup, "fees.taker_markup"),
            FieldParser.Rate(split.OperatorShare, "fees.split.operator_share"),
            FieldParser.Rate(split.PlatformShare, "fees.split.platform_share"))
        {
            VolumeTiers = [.. fees.VolumeTiers.Select((t, i) => new Domain.Operators.VolumeTier(
                FieldParser.OptionalMoney(t.MinVolume, $"fees.volume_tiers[{i}].min_volume"),
                FieldParser.Rate(t.MakerMarkup, $"fees.volume_tiers[{i}].maker_markup"),
                FieldParser.Rate(t.TakerMarkup, $"fees.volume_tiers[{i}].taker_markup")))],
            ReferralRebate = FieldParser.OptionalRate(fees.ReferralRebate, "fees.referral_rebate"),
        };
        var codes = request.ReferralCodes.Select((c, i) =>
        {
            var code = c.Code ?? string.Empty;
            if (!ReferralCodes.IsWellFormed(code))
            {
                throw new ApiException(ApiError.Invalid($"referral_codes[{i}].code", "referral_code_invalid", "a referral code is 3..32 letters, digits, '-' or '_'"));
            }

            return new ReferralCodeEntry(code, FieldParser.Address(c.ReferrerAddress, $"referral_codes[{i}].referrer_address").ToLowerHex());
        }).ToList();
        return OperatorProto.Config(await admin.SetFeesAsync(context.Caller(), input, codes));
    }

    private async Task<OperatorConfig> SetFeaturesAsync(SetFeaturesRequest request, ServerCallContext context)
    {
        var f = request.Features ?? throw FieldParser.Required("features");
        var flags = new FeatureFlags(f.OrderBook, f.Chart, f.OneClickTrading, f.LeverageSelector, f.Leaderboard);
        return OperatorProto.Config(await admin.SetFeaturesAsync(context.Caller(), flags, f.DemoDeposits));
    }

    private async Task<OperatorConfig> SetRiskPolicyAsync(SetRiskPolicyRequest request, ServerCallContext context)
    {
        var risk = request.Risk ?? throw FieldParser.Required("risk");
        if (risk.LiquidationStepNotional.Length > 0)
        {
            throw new ApiException(ApiError.Invalid("risk.liquidation_step_notional", "liquidation_step_notional_unsupported",
                "liquidation steps are set as a fraction of the position by the platform; leave liquidation_step_notional empty"));
        }

        var notional = FieldParser.OptionalMoney(risk.MaxPositionNotional, "risk.max_position_notional");
        if (risk.StalePriceMs == 0)
        {
            throw FieldParser.Required("risk.stale_price_ms");
        }

        return OperatorProto.Config(await admin.SetRiskPolicyAsync(context.Caller(), notional, TimeSpan.FromMilliseconds(risk.StalePriceMs)));
    }

    private async Task<CreateApiKeyReply> CreateApiKeyAsync(CreateApiKeyRequest request, ServerCallContext context)
    {
        var scopes = ApiScopes.None;
        for (var i = 0; i < request.Scopes.Count; i++)
        {
            scopes |= request.Scopes[i] switch
            {
                ApiKeyScope.Read => ApiScopes.Read,
                ApiKeyScope.Trade => ApiScopes.Trade,
                ApiKeyScope.Admin => ApiScopes.Admin,
                _ => throw new ApiException(ApiError.Invalid($"scopes[{i}]", "scope_invalid", $"{(int)request.Scopes[i]} is not a valid scope")),
            };
        }

        if (scopes == ApiScopes.None)
        {
            throw FieldParser.Required("scopes");
        }

        var trader = FieldParser.OptionalAddress(request.TraderAddress, "trader_address");
        var created = await admin.CreateApiKeyAsync(context.Caller(), request.Label, scopes, trader);
        return new CreateApiKeyReply { Key = OperatorProto.Key(created.Key), Secret = created.Secret };
    }

    private async Task<ListApiKeysReply> ListApiKeysAsync(ListApiKeysRequest request, ServerCallContext context)
    {
        var reply = new ListApiKeysReply();
        reply.Keys.Add((await admin.ListApiKeysAsync(context.Caller())).Select(OperatorProto.Key));
        return reply;
    }

    private async Task<ListUsersReply> ListUsersAsync(ListUsersRequest request, ServerCallContext context)
    {
        var page = FieldParser.Page(request.Page);
        var offset = (int)Math.Min(page.Before ?? 0, int.MaxValue);
        var (users, total) = await admin.ListUsersAsync(context.Caller(), offset, page.EffectiveLimit);
        var reply = new ListUsersReply { NextCursor = offset + users.Count < total ? (offset + users.Count).ToString(CultureInfo.InvariantCulture) : string.Empty };
        reply.Users.Add(users.Select(u => new User
        {
            TraderAddress = Ethereum.EthereumAddress.Parse(u.User.Trader).ToString(),
            FirstSeenUnixMs = u.User.FirstSeen.ToUnixTimeMilliseconds(),
            Equity = u.Equity.ToString(),
            OpenPositions = (uint)u.OpenPositions,
        }));
        return reply;
    }

    private async Task<RevenueReport> GetRevenueReportAsync(GetRevenueReportRequest request, ServerCallContext context)
    {
        // the latest instant a DateTimeOffset holds (9999-12-31T23:59:59.999Z); beyond it no day exists
        const long latestUnixMs = 253_402_300_799_999;
        foreach (var (field, value) in new[] { ("start_unix_ms", request.StartUnixMs), ("end_unix_ms", request.EndUnixMs) })
        {
            if (value is < 0 or > latestUnixMs)
            {
                throw new ApiException(ApiError.Invalid(field, "time_invalid", $"{value} is not a time: milliseconds since 1970 up to {latestUnixMs}, 0 for no bound"));
            }
        }

        // [start, end): the last day included is the one holding end - 1 ms
        DateOnly? from = request.StartUnixMs > 0 ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(request.StartUnixMs).UtcDateTime) : null;
        DateOnly? to = request.EndUnixMs > 0 ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(request.EndUnixMs - 1).UtcDateTime) : null;
        var market = FieldParser.OptionalMarket(request.Market);
        return OperatorProto.Revenue(await admin.GetRevenueReportAsync(context.Caller(), from, to, market));
    }

    private async Task<OperatorConfig> UploadBrandAssetAsync(UploadBrandAssetRequest request, ServerCallContext context)
    {
        var kind = request.Kind switch
        {
            Contracts.V1.BrandAssetKind.Logo => Operators.BrandAssetKind.Logo,
            Contracts.V1.BrandAssetKind.Favicon => Operators.BrandAssetKind.Favicon,
            Contracts.V1.BrandAssetKind.Unspecified => throw FieldParser.Required("kind"),
            _ => throw new ApiException(ApiError.Invalid("kind", "kind_invalid", $"{(int)request.Kind} is not logo or favicon")),
        };
        return OperatorProto.Config(await admin.UploadBrandAssetAsync(context.Caller(), kind, request.Content.ToByteArray()));
    }

    private async Task<GetAuditLogReply> GetAuditLogAsync(GetAuditLogRequest request, ServerCallContext context)
    {
        var page = FieldParser.Page(request.Page);
        var (entries, next) = await admin.GetAuditLogAsync(context.Caller(), page.Before, page.EffectiveLimit);
        var reply = new GetAuditLogReply { NextCursor = ProtoMapper.Cursor(next) };
        reply.Entries.Add(entries.Select(e => new AuditEntry { TimeUnixMs = e.Time.ToUnixTimeMilliseconds(), Actor = e.Actor, Action = e.Action, Detail = e.Detail }));
        return reply;
    }
}
