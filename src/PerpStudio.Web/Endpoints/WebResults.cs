using Microsoft.AspNetCore.Http;
using PerpStudio.Web.Rendering;
using PerpStudio.Web.Sessions;

namespace PerpStudio.Web.Endpoints;

/// <summary>What every frontend endpoint shares: the request's operator and callers, HTML results, and the form guard.</summary>
internal static class WebResults
{
    /// <summary>The header the page script sends with every POST: a cross-site form cannot set it without a CORS preflight.</summary>
    public const string RequestHeader = "X-PS-Request";

    /// <summary>The header telling the page script to reload (after sign-in and sign-out).</summary>
    public const string ReloadHeader = "X-PS-Reload";

    /// <summary>HTML with status 200.</summary>
    public static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    /// <summary>A whole page.</summary>
    public static IResult Page(string html, int status = StatusCodes.Status200OK) => Html("<!DOCTYPE html>\n" + html, status);

    /// <summary>The 404 page for a host no operator serves.</summary>
    public static async Task<IResult> UnknownHostAsync(HttpContext context, ComponentHtml html)
    {
        var page = await html.RenderAsync<Components.NotFoundPage>(new Dictionary<string, object?> { ["Host"] = context.Request.Host.Host });
        return Page(page, StatusCodes.Status404NotFound);
    }

    /// <summary>An empty answer asking the page to reload.</summary>
    public static IResult Reload(HttpContext context)
    {
        context.Response.Headers[ReloadHeader] = "1";
        return Results.NoContent();
    }

    /// <summary>True when the POST came from the page script.</summary>
    public static bool FromPageScript(HttpContext context) => context.Request.Headers.ContainsKey(RequestHeader);

    /// <summary>The request's view, or null (with the reason already chosen as a result) when it cannot act.</summary>
    public static async Task<(WebRequest? Request, IResult? Refused)> ReadAsync(HttpContext context, WebRequestReader reader, ComponentHtml html, bool post)
    {
        if (post && !FromPageScript(context))
        {
            return (null, Results.Text("form posts come from the page script", statusCode: StatusCodes.Status400BadRequest));
        }

        var request = await reader.ReadAsync(context);
        return request is null ? (null, await UnknownHostAsync(context, html)) : (request, null);
    }

    /// <summary>A form field, or null.</summary>
    public static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
}
