using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Identity;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Web.Components;
using PerpStudio.Web.Console;
using PerpStudio.Web.Models;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sessions;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Endpoints;

/// <summary>The operator console (<c>/console</c>): an admin or viewer API key signs in; every change is one OperatorAdminService call.</summary>
internal static class ConsoleEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/console", async (HttpContext context, WebRequestReader reader, ComponentHtml html, ConsoleDesk desk) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: false);
            if (request is null)
            {
                return refused!;
            }

            var model = request.Admin is { } admin ? await desk.ReadAsync(request.Site, admin) : ConsoleModel.SignedOut(request.Site);
            return WebResults.Page(await html.RenderAsync<ConsolePage>(model));
        });

        endpoints.MapPost("/_ps/console/signin", async (HttpContext context, WebRequestReader reader, ComponentHtml html, CredentialAuthenticator authenticator,
            ConsoleSessions consoles, WebCookies cookies, IOptions<PerpStudioWebOptions> options) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: true);
            if (request is null)
            {
                return refused!;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var key = WebResults.Field(form, "api_key")?.Trim();
            try
            {
                if (string.IsNullOrEmpty(key))
                {
                    throw new ApiException(ApiError.Required("api_key"));
                }

                var caller = await authenticator.AuthenticateAsync(key, null);
                // an admin key changes the operator; a viewer key (read alone, no trader) only looks, and the forms it
                // sends are refused by the service with their reason
                if (caller.OperatorId != request.Site.OperatorId || caller.Trader is not null || !caller.Has(ApiScopes.Read))
                {
                    throw new ApiException(ApiError.Denied("admin_key_required", "this console needs an admin or viewer key of this operator"));
                }

                var lifetime = options.Value.ConsoleSessionLifetime;
                cookies.Set(context.Response, WebCookies.Console, consoles.Open(caller, lifetime), DateTimeOffset.UtcNow + lifetime);
                return WebResults.Reload(context);
            }
            catch (ApiException refusal)
            {
                return WebResults.Html(await html.RenderAsync<ConsolePanel>(ConsoleModel.SignedOut(request.Site, refusal.Error)));
            }
        });

        endpoints.MapPost("/_ps/console/signout", async (HttpContext context, WebRequestReader reader, ComponentHtml html, ConsoleSessions consoles) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: true);
            if (request is null)
            {
                return refused!;
            }

            consoles.Close(context.Request.Cookies[WebCookies.Console]);
            WebCookies.Clear(context.Response, WebCookies.Console);
            return WebResults.Reload(context);
        });

        Change(endpoints, "branding", (admin, caller, field) => admin.UpdateBrandingAsync(caller, new BrandingProfile(
            field("display_name") ?? string.Empty, field("tagline") ?? string.Empty, field("logo_url")?.Trim() ?? string.Empty, field("favicon_url")?.Trim() ?? string.Empty,
            field("primary_color")?.Trim() ?? string.Empty, field("accent_color")?.Trim() ?? string.Empty, field("background_color")?.Trim() ?? string.Empty,
            field("font_family")?.Trim() ?? string.Empty)), "Brand saved.");
        Change(endpoints, "features", (admin, caller, field) => admin.SetFeaturesAsync(caller, ConsoleForms.Features(field), FormFields.Checked(field("demo_deposits"))), "Features saved.");
        Change(endpoints, "markets", async (admin, caller, field) =>
        {
            var current = await admin.GetOperatorAsync(caller);
            return await admin.SetMarketsAsync(caller, ConsoleForms.Markets(field("markets"), current.Trading));
        }, "Markets saved.");
        Change(endpoints, "fees", (admin, caller, field) =>
        {
            var maker = FormFields.RequireRate(field("maker_markup"), "fees.maker_markup");
            var taker = FormFields.RequireRate(field("taker_markup"), "fees.taker_markup");
            var platform = FormFields.RequireRate(field("platform_share"), "fees.split.platform_share");
            var fees = new FeeScheduleInput(maker, taker, new Rate(Rate.Scale) - platform, platform)
            {
                VolumeTiers = ConsoleForms.Tiers(field("volume_tiers")),
                ReferralRebate = string.IsNullOrWhiteSpace(field("referral_rebate")) ? Rate.Zero : FormFields.RequireRate(field("referral_rebate"), "fees.referral_rebate"),
            };
            return admin.SetFeesAsync(caller, fees, ConsoleForms.Referrals(field("referrals")));
        }, "Fees saved.");
        Change(endpoints, "domains", (admin, caller, field) =>
            admin.UpdateDomainsAsync(caller, field("subdomain")?.Trim() ?? string.Empty, ConsoleForms.Words(field("custom_domains")), ConsoleForms.Words(field("blocked_regions")),
                FormFields.Checked(field("block_unknown_region"))), "Domains saved.");
        Change(endpoints, "risk", (admin, caller, field) =>
        {
            var notional = FormFields.RequireMoney(field("max_position_notional"), "risk.max_position_notional");
            var stale = FormFields.RequireInt(field("stale_ms"), "risk.stale_price_ms", 1, 86_400_000);
            return admin.SetRiskPolicyAsync(caller, notional, TimeSpan.FromMilliseconds(stale));
        }, "Risk limits saved.");
        Change(endpoints, "revoke", async (admin, caller, field) =>
        {
            await admin.RevokeApiKeyAsync(caller, field("key_id") ?? string.Empty);
            return await admin.GetOperatorAsync(caller);
        }, "Key revoked.");

        endpoints.MapPost("/_ps/console/brand-asset", (Func<HttpContext, Task<IResult>>)(context => HandleFormAsync(context, async (admin, caller, form, desk, site) =>
        {
            var kind = WebResults.Field(form, "kind") switch
            {
                "logo" => BrandAssetKind.Logo,
                "favicon" => BrandAssetKind.Favicon,
                var other => throw new ApiException(ApiError.Invalid("kind", "kind_invalid", $"'{other}' is not logo or favicon")),
            };
            var file = form.Files.GetFile("image") ?? throw new ApiException(ApiError.Required("content"));
            var content = await ReadCappedAsync(file, context.RequestAborted);
            await admin.UploadBrandAssetAsync(caller, kind, content);
            return await desk.ReadAsync(site, caller, notice: kind == BrandAssetKind.Logo ? "Logo uploaded." : "Favicon uploaded.");
        })));

        endpoints.MapPost("/_ps/console/revenue", (Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, (admin, caller, field, desk, site) =>
            desk.ReadAsync(site, caller, filter: ConsoleForms.Revenue(field)))));

        endpoints.MapPost("/_ps/console/keys", (Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, async (admin, caller, field, desk, site) =>
        {
            var trader = field("trader")?.Trim();
            EthereumAddress? address = null;
            if (!string.IsNullOrEmpty(trader))
            {
                address = EthereumAddress.TryParse(trader, out var parsed)
                    ? parsed
                    : throw new ApiException(ApiError.Invalid("trader_address", "address_invalid", $"'{trader}' is not a 0x-prefixed 20-byte address"));
            }

            var created = await admin.CreateApiKeyAsync(caller, field("label") ?? string.Empty, ConsoleForms.Scopes(field), address);
            return await desk.ReadAsync(site, caller, notice: "Key created.", secret: created);
        })));
    }

    private static void Change(IEndpointRouteBuilder endpoints, string section, Func<OperatorAdminService, CallerContext, Func<string, string?>, Task<OperatorView>> change, string notice) =>
        endpoints.MapPost("/_ps/console/" + section, (Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, async (admin, caller, field, desk, site) =>
        {
            await change(admin, caller, field);
            return await desk.ReadAsync(site, caller, notice: notice);
        })));

    private static Task<IResult> HandleAsync(HttpContext context, Func<OperatorAdminService, CallerContext, Func<string, string?>, ConsoleDesk, OperatorSite, Task<ConsoleModel>> handle) =>
        HandleFormAsync(context, (admin, caller, form, desk, site) => handle(admin, caller, name => WebResults.Field(form, name), desk, site));

    // a file over the cap is refused before its bytes are read; the rest is the API's own check
    private static async Task<byte[]> ReadCappedAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > BrandAssetRules.MaxBytes)
        {
            throw new ApiException(ApiError.Invalid("content", "asset_too_large",
                $"the image is {file.Length} bytes; at most {BrandAssetRules.MaxBytes} ({BrandAssetRules.MaxBytes / 1024} KiB) are accepted"));
        }

        var content = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    private static async Task<IResult> HandleFormAsync(HttpContext context, Func<OperatorAdminService, CallerContext, IFormCollection, ConsoleDesk, OperatorSite, Task<ConsoleModel>> handle)
    {
        var services = context.RequestServices;
        var html = services.GetRequiredService<ComponentHtml>();
        var (request, refused) = await WebResults.ReadAsync(context, services.GetRequiredService<WebRequestReader>(), html, post: true);
        if (request is null)
        {
            return refused!;
        }

        if (request.Admin is not { } caller)
        {
            return WebResults.Reload(context);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var desk = services.GetRequiredService<ConsoleDesk>();
        ConsoleModel model;
        try
        {
            model = await handle(services.GetRequiredService<OperatorAdminService>(), caller, form, desk, request.Site);
        }
        catch (ApiException refusal)
        {
            // nothing changed: show the console as it is, with the reason
            model = await desk.ReadAsync(request.Site, caller, refusal.Error);
        }

        var panels = await html.RenderAsync<ConsolePanel>(model)
            + $"<style data-panel=\"brand-style\">{BrandStyle.Css(model.Site.Branding)}</style>"
            + await html.RenderAsync<BrandHeader>(new Dictionary<string, object?> { ["Site"] = model.Site });
        return WebResults.Html(panels);
    }
}
