using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PerpStudio.Web.Endpoints;

/// <summary>Serves the stylesheet and the page script from the assembly (everything local: no CDN, no build step).</summary>
internal static class AssetEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        Asset(endpoints, "/_ps/app.css", "app.css", "text/css; charset=utf-8");
        Asset(endpoints, "/_ps/app.js", "app.js", "text/javascript; charset=utf-8");
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

    private static byte[] Read(string name)
    {
        using var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream("PerpStudio.Web.Assets." + name)
            ?? throw new InvalidOperationException($"the asset {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
