using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sessions;

namespace PerpStudio.Web.Endpoints;

/// <summary>
/// Sign-In with Ethereum through the API's AuthService: challenge for the host's operator, the wallet signs
/// (a browser wallet's personal_sign, or the server-side demo wallet), SignIn, and the session token goes into an
/// HttpOnly cookie.
/// </summary>
internal static class SignInEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/_ps/signin/challenge", async (HttpContext context, WebRequestReader reader, ComponentHtml html, AuthService auth, IOptions<PerpStudioWebOptions> options) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: true);
            if (request is null)
            {
                return refused!;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            try
            {
                var challenge = await auth.GetSignInChallengeAsync(Target(context, options.Value), WebResults.Field(form, "address") ?? string.Empty, options.Value.ChainId);
                return Results.Json(new { message = challenge.Message });
            }
            catch (ApiException refusal)
            {
                return Results.Json(new { error = refusal.Error.Detail }, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        endpoints.MapPost("/_ps/signin", async (HttpContext context, WebRequestReader reader, ComponentHtml html, AuthService auth, WebCookies cookies, IOptions<PerpStudioWebOptions> options) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: true);
            if (request is null)
            {
                return refused!;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            try
            {
                var session = await auth.SignInAsync(Target(context, options.Value), WebResults.Field(form, "message") ?? string.Empty, WebResults.Field(form, "signature") ?? string.Empty,
                    ReferralCode(form));
                cookies.Set(context.Response, WebCookies.Session, session.SessionToken, session.ExpiresAt);
                return WebResults.Reload(context);
            }
            catch (ApiException refusal)
            {
                return Results.Json(new { error = refusal.Error.Detail }, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        endpoints.MapPost("/_ps/signin/demo", async (HttpContext context, WebRequestReader reader, ComponentHtml html, AuthService auth, DemoWallets wallets, WebCookies cookies, IOptions<PerpStudioWebOptions> options) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: true);
            if (request is null)
            {
                return refused!;
            }

            if (!options.Value.DemoWallet)
            {
                return Results.NotFound();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            try
            {
                // the same three steps a browser wallet takes, with the key held on the server
                var (walletId, key) = wallets.Open(request.DemoWalletId);
                cookies.Set(context.Response, WebCookies.DemoWallet, walletId);
                var target = Target(context, options.Value);
                var challenge = await auth.GetSignInChallengeAsync(target, key.Address.ToString(), options.Value.ChainId);
                var signature = DemoWallets.PersonalSign(key, challenge.Message);
                var session = await auth.SignInAsync(target, challenge.Message, signature, ReferralCode(form));
                cookies.Set(context.Response, WebCookies.Session, session.SessionToken, session.ExpiresAt);
                return WebResults.Reload(context);
            }
            catch (ApiException refusal)
            {
                var panel = await html.RenderAsync<Components.Refusal>(new Dictionary<string, object?> { ["Error"] = refusal.Error });
                return WebResults.Html($"<div data-panel=\"sign-in-result\" role=\"status\" aria-live=\"polite\">{panel}</div>");
            }
        });

        endpoints.MapPost("/_ps/signout", async (HttpContext context, WebRequestReader reader, ComponentHtml html, AuthService auth) =>
        {
            var (request, refused) = await WebResults.ReadAsync(context, reader, html, post: true);
            if (request is null)
            {
                return refused!;
            }

            if (context.Request.Cookies.TryGetValue(WebCookies.Session, out var token) && !string.IsNullOrEmpty(token))
            {
                await auth.SignOutAsync(token);
            }

            WebCookies.Clear(context.Response, WebCookies.Session);
            return WebResults.Reload(context);
        });
    }

    private static SignInTarget Target(HttpContext context, PerpStudioWebOptions options) =>
        new(context.Request.Host.Value, null) { Region = context.Request.Headers[options.RegionHeader].FirstOrDefault() };

    private static string? ReferralCode(IFormCollection form) => WebResults.Field(form, "referral_code") is { Length: > 0 } code ? code.Trim() : null;
}
