using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PerpStudio.Web.Sessions;

/// <summary>The cookies of the frontend: HttpOnly, SameSite=Strict, per host name (so each operator's site has its own).</summary>
public sealed class WebCookies(IOptions<PerpStudioWebOptions> options)
{
    /// <summary>Holds the session token issued by the API's AuthService.</summary>
    public const string Session = "ps_session";

    /// <summary>Holds the id of the browser's demo wallet.</summary>
    public const string DemoWallet = "ps_demo_wallet";

    /// <summary>Holds the operator console session id.</summary>
    public const string Console = "ps_console";

    /// <summary>Holds the trader's margin-ratio alert threshold.</summary>
    public const string AlertThreshold = "ps_alert";

    /// <summary>Sets a cookie with the frontend's attributes.</summary>
    public void Set(HttpResponse response, string name, string value, DateTimeOffset? expires = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(name, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = options.Value.SecureCookies,
            Path = "/",
            Expires = expires,
        });
    }

    /// <summary>Removes a cookie.</summary>
    public static void Clear(HttpResponse response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(name, new CookieOptions { Path = "/" });
    }
}
