using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using PerpStudio.Api.Tests.Fixtures;
using PerpStudio.Contracts.V1;
using PerpStudio.Ethereum;
using PerpStudio.Grains.Events;
using PerpStudio.Grpc;

namespace PerpStudio.Api.Tests;

public sealed class OperatorFeesRevenueAndBrandTests : IClassFixture<ApiServer>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private readonly ApiServer _server;

    public OperatorFeesRevenueAndBrandTests(ApiServer server) => _server = server;

    [Fact]
    public async Task Differing_maker_and_taker_markups_and_volume_tiers_are_kept_and_audited()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("tiers"));
        var before = (await _server.CallAsync<ListMarketsRequest, ListMarketsReply>("MarketDataService", "ListMarkets", new ListMarketsRequest(), admin)).Markets[0];
        var config = await _server.CallAsync<SetFeesRequest, OperatorConfig>("OperatorAdminService", "SetFees", new SetFeesRequest
        {
            Fees = new FeeSchedule
            {
                MakerMarkup = "0.0001", TakerMarkup = "0.0004", ReferralRebate = "0.25",
                VolumeTiers =
                {
                    new FeeTier { MinVolume = "1000000", MakerMarkup = "0.00005", TakerMarkup = "0.0003" },
                    new FeeTier { MinVolume = "10000000", MakerMarkup = "0", TakerMarkup = "0.0002" },
                },
                Split = new RevenueSplit { OperatorShare = "0.7", PlatformShare = "0.3" },
            },
        }, admin);
        config.Fees.MakerMarkup.ShouldBe("0.0001");
        config.Fees.TakerMarkup.ShouldBe("0.0004");
        config.Fees.ReferralRebate.ShouldBe("0.25");
        config.Fees.VolumeTiers.Select(t => $"{t.MinVolume} {t.MakerMarkup} {t.TakerMarkup}").ShouldBe(["1000000 0.00005 0.0003", "10000000 0 0.0002"]);
        var audit = await _server.CallAsync<GetAuditLogRequest, GetAuditLogReply>("OperatorAdminService", "GetAuditLog", new GetAuditLogRequest(), admin);
        audit.Entries.ShouldContain(e => e.Action == "SetFees" && e.Detail.Contains("2 volume tiers", StringComparison.Ordinal));

        // the listed rates carry each side's own base markup
        var after = (await _server.CallAsync<ListMarketsRequest, ListMarketsReply>("MarketDataService", "ListMarkets", new ListMarketsRequest(), admin)).Markets[0];
        (Dec(after.MakerFeeRate) - Dec(before.MakerFeeRate)).ShouldBe(0.0001m);
        (Dec(after.TakerFeeRate) - Dec(before.TakerFeeRate)).ShouldBe(0.0004m);
    }

    private static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("1000000", "0.0002", "fees.volume_tiers[0]", "volume_tier_markup_rises")]
    [InlineData("0", "0.0001", "fees.volume_tiers[0].min_volume", "min_volume_not_positive")]
    [InlineData("1000000", "0.02", "fees.volume_tiers[0].maker_markup", "maker_markup_out_of_range")]
    public async Task A_bad_volume_tier_is_refused_with_its_field_and_changes_nothing(string minVolume, string makerMarkup, string field, string code)
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("bad-tier-" + code.Length + field.Length));
        var before = await _server.CallAsync<GetOperatorRequest, OperatorConfig>("OperatorAdminService", "GetOperator", new GetOperatorRequest(), admin);
        var refused = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<SetFeesRequest, OperatorConfig>("OperatorAdminService", "SetFees", new SetFeesRequest
        {
            Fees = new FeeSchedule
            {
                MakerMarkup = "0.0001", TakerMarkup = "0.0004",
                VolumeTiers = { new FeeTier { MinVolume = minVolume, MakerMarkup = makerMarkup, TakerMarkup = "0.0001" } },
                Split = new RevenueSplit { OperatorShare = "1", PlatformShare = "0" },
            },
        }, admin));
        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Trailers.GetValue("perpstudio-error-field").ShouldBe(field);
        refused.Trailers.GetValue("perpstudio-error-code").ShouldBe(code);
        var after = await _server.CallAsync<GetOperatorRequest, OperatorConfig>("OperatorAdminService", "GetOperator", new GetOperatorRequest(), admin);
        after.ShouldBe(before);
    }

    [Fact]
    public async Task The_revenue_report_has_a_row_per_market_and_day_whose_sums_are_the_totals()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("revenue"));
        await _server.CallAsync<SetFeesRequest, OperatorConfig>("OperatorAdminService", "SetFees", new SetFeesRequest
        {
            Fees = new FeeSchedule { MakerMarkup = "0.0002", TakerMarkup = "0.0002", Split = new RevenueSplit { OperatorShare = "0.75", PlatformShare = "0.25" } },
        }, admin);
        var wallet = PrivateKey.Generate();
        var session = ApiServer.Session(await _server.SignInAsync("revenue", wallet));
        await _server.CallAsync<DepositRequest, DepositReply>("AccountService", "Deposit", new DepositRequest { Amount = "10000", DepositId = "d1" }, session);
        foreach (var (id, market) in new[] { ("b1", "BTC-USD"), ("e1", "ETH-USD") })
        {
            var filled = AccountSignals.WaitForAsync(_server, "revenue", wallet.Address.ToLowerHex(), e => e is FillApplied f && f.Fill.Market.Symbol == market);
            await _server.CallAsync<PlaceOrderRequest, PlaceOrderReply>("TradingService", "PlaceOrder", new PlaceOrderRequest
            {
                ClientOrderId = id, Market = market, Side = Side.Buy, Type = OrderType.Market, Size = "0.01", MarginMode = MarginMode.Cross, Leverage = 5,
            }, session);
            await filled;
        }

        var report = await _server.CallAsync<GetRevenueReportRequest, RevenueReport>("OperatorAdminService", "GetRevenueReport", new GetRevenueReportRequest(), admin);
        report.Rows.Select(r => r.Market).ShouldBe(["BTC-USD", "ETH-USD"]);
        report.Rows.ShouldAllBe(r => r.Day == _server.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        decimal Sum(Func<RevenueRow, string> part) => report.Rows.Sum(r => decimal.Parse(part(r), System.Globalization.CultureInfo.InvariantCulture));
        decimal.Parse(report.TotalFees, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Sum(r => r.FeesCollected));
        decimal.Parse(report.TotalOperatorRevenue, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Sum(r => r.OperatorRevenue));
        decimal.Parse(report.TotalPlatformRevenue, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Sum(r => r.PlatformRevenue));
        report.Rows.ShouldAllBe(r => decimal.Parse(r.OperatorRevenue, System.Globalization.CultureInfo.InvariantCulture) > 0);
        report.Fills.ShouldBe(2UL);

        var eth = await _server.CallAsync<GetRevenueReportRequest, RevenueReport>("OperatorAdminService", "GetRevenueReport", new GetRevenueReportRequest { Market = "ETH-USD" }, admin);
        eth.Rows.ShouldHaveSingleItem().Market.ShouldBe("ETH-USD");
        var future = _server.Time.GetUtcNow().AddDays(2).ToUnixTimeMilliseconds();
        (await _server.CallAsync<GetRevenueReportRequest, RevenueReport>("OperatorAdminService", "GetRevenueReport",
            new GetRevenueReportRequest { StartUnixMs = future }, admin)).Rows.ShouldBeEmpty();
        var reversed = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<GetRevenueReportRequest, RevenueReport>("OperatorAdminService", "GetRevenueReport",
            new GetRevenueReportRequest { StartUnixMs = future, EndUnixMs = future - 86_400_000 * 2L }, admin));
        reversed.Trailers.GetValue("perpstudio-error-code").ShouldBe("range_reversed");
        var beyond = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<GetRevenueReportRequest, RevenueReport>("OperatorAdminService", "GetRevenueReport",
            new GetRevenueReportRequest { EndUnixMs = long.MaxValue }, admin));
        beyond.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        beyond.Trailers.GetValue("perpstudio-error-field").ShouldBe("end_unix_ms");
    }

    [Fact]
    public async Task An_uploaded_logo_is_stored_and_the_branding_points_at_its_versioned_url()
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("brandy"));
        var config = await _server.CallAsync<UploadBrandAssetRequest, OperatorConfig>("OperatorAdminService", "UploadBrandAsset",
            new UploadBrandAssetRequest { Kind = BrandAssetKind.Logo, Content = ByteString.CopyFrom(Png) }, admin);
        config.Branding.LogoUrl.ShouldStartWith("/_ps/brand/logo?v=");
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/></svg>");
        var icon = await _server.CallAsync<UploadBrandAssetRequest, OperatorConfig>("OperatorAdminService", "UploadBrandAsset",
            new UploadBrandAssetRequest { Kind = BrandAssetKind.Favicon, Content = ByteString.CopyFrom(svg) }, admin);
        icon.Branding.FaviconUrl.ShouldStartWith("/_ps/brand/favicon?v=");
        icon.Branding.LogoUrl.ShouldBe(config.Branding.LogoUrl);

        await _server.Services.GetRequiredService<Runtime.GrainRuntime>().DeactivateAllAsync(); // read back from storage, not memory
        var stored = await _server.Services.GetRequiredService<Application.OperatorAdminService>().GetBrandAssetAsync("brandy", Operators.BrandAssetKind.Logo);
        stored!.ContentType.ShouldBe("image/png");
        stored.Content.ShouldBe(Png);

        var audit = await _server.CallAsync<GetAuditLogRequest, GetAuditLogReply>("OperatorAdminService", "GetAuditLog", new GetAuditLogRequest(), admin);
        audit.Entries.Count(e => e.Action == "UploadBrandAsset").ShouldBe(2);
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "svg_script_refused")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>", "svg_event_handler_refused")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>", "svg_not_well_formed")]
    [InlineData("GIF89a....", "asset_type_unsupported")]
    [InlineData("", "required")]
    public async Task An_image_that_is_not_acceptable_is_refused_and_the_branding_is_unchanged(string content, string code)
    {
        var admin = ApiServer.Key(await _server.CreateOperatorAsync("bad-img-" + code.Replace('_', '-')[..Math.Min(code.Length, 20)]));
        var refused = await Should.ThrowAsync<RpcException>(() => _server.CallAsync<UploadBrandAssetRequest, OperatorConfig>("OperatorAdminService", "UploadBrandAsset",
            new UploadBrandAssetRequest { Kind = BrandAssetKind.Logo, Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes(content)) }, admin));
        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Trailers.GetValue("perpstudio-error-code").ShouldBe(code);
        refused.Trailers.GetValue("perpstudio-error-field").ShouldBe("content");
        var after = await _server.CallAsync<GetOperatorRequest, OperatorConfig>("OperatorAdminService", "GetOperator", new GetOperatorRequest(), admin);
        after.Branding.LogoUrl.ShouldBeEmpty();
    }
}
