using Microsoft.AspNetCore.Http;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Identity;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Sessions;

/// <summary>One request as the pages see it: the operator of its host, and the trader or admin signed in to that operator.</summary>
/// <param name="Site">The operator of the host.</param>
/// <param name="Trader">The signed-in trader's caller, or null.</param>
/// <param name="Admin">The console admin's caller, or null.</param>
/// <param name="DemoWalletId">The browser's demo wallet id, or null.</param>
public sealed record WebRequest(OperatorSite Site, CallerContext? Trader, CallerContext? Admin, string? DemoWalletId);

/// <summary>Builds a <see cref="WebRequest"/>: operator from the host name, callers from the cookies, each checked against that operator.</summary>
public sealed class WebRequestReader(SiteResolver sites, CredentialAuthenticator authenticator, ConsoleSessions consoles)
{
    /// <summary>The request's view, or null when no operator serves its host.</summary>
    public async Task<WebRequest?> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var site = await sites.ResolveAsync(context.Request.Host.Value);
        if (site is null)
        {
            return null;
        }

        CallerContext? trader = null;
        if (context.Request.Cookies.TryGetValue(WebCookies.Session, out var token) && !string.IsNullOrEmpty(token))
        {
            try
            {
                var caller = await authenticator.SessionCallerAsync(token);

                // a session of another operator does not sign anyone in here
                trader = caller.OperatorId == site.OperatorId ? caller : null;
            }
            catch (ApiException)
            {
                trader = null; // expired, revoked or unknown: signed out
            }
        }

        var admin = consoles.Find(context.Request.Cookies[WebCookies.Console]);
        if (admin is not null && admin.OperatorId != site.OperatorId)
        {
            admin = null;
        }

        return new WebRequest(site, trader, admin, context.Request.Cookies[WebCookies.DemoWallet]);
    }
}
