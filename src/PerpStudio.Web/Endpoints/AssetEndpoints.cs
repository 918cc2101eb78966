using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PerpStudio.Api.Application;
using PerpStudio.Api.Operators;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Endpoints;

/// <summary>
/// Serves the stylesheet and the page script from the assembly (everything local: no CDN, no build step), and each
/// operator's uploaded logo and favicon, found by the request's host.
/// </summary>
internal static class AssetEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        Asset(endpoints, "/_ps/app.css", "app.css", "text/css; charset=utf-8");
        Asset(endpoints, "/_ps/app.js", "app.js", "text/javascript; charset=utf-8");
        Brand(endpoints, BrandAssetKind.Logo);
        Brand(endpoints, BrandAssetKind.Favicon);
    }

    private static void Asset(IEndpointRouteBuilder endpoints, string path, string name, string contentType)
    {
        var bytes = Read(name);
        endpoints.MapGet(path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(bytes, contentType);
        });
    }

    private static void Brand(IEndpointRouteBuilder endpoints, BrandAssetKind kind) =>
        endpoints.MapGet(BrandAsset.PathOf(kind), async (HttpContext context, SiteResolver sites, OperatorAdminService admin) =>
        {
            var site = await sites.ResolveAsync(context.Request.Host.Value);
            var asset = site is null ? null : await admin.GetBrandAssetAsync(site.OperatorId, kind);
            if (asset is null)
            {
                return Results.NotFound();
            }

            var headers = context.Response.Headers;

            // the URL carries the content's hash: the version asked for never changes, any other is revalidated
            headers.CacheControl = context.Request.Query["v"] == asset.Version ? "public, max-age=31536000, immutable" : "no-cache";
            headers.ETag = $"\"{asset.Version}\"";
            headers.XContentTypeOptions = "nosniff";
            if (asset.ContentType == "image/svg+xml")
            {
                // opened directly, an SVG is a document: nothing in it may run or load
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            }

            return context.Request.Headers.IfNoneMatch == headers.ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
        });

    private static byte[] Read(string name)
    {
        using var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream("PerpStudio.Web.Assets." + name)
            ?? throw new InvalidOperationException($"the asset {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
