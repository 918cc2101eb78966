using System.Security.Cryptography;
using System.Text;
using System.Xml;
using PerpStudio.Api.Errors;

namespace PerpStudio.Api.Operators;

/// <summary>Which brand image.</summary>
public enum BrandAssetKind
{
    /// <summary>The logo in the header.</summary>
    Logo,

    /// <summary>The browser tab's icon.</summary>
    Favicon,
}

/// <summary>A stored brand image.</summary>
/// <param name="Kind">Logo or favicon.</param>
/// <param name="ContentType">The type sniffed from the bytes (what it is served as).</param>
/// <param name="Content">The bytes.</param>
/// <param name="Version">The first 16 hex digits of the content's SHA-256: the cache-busting part of its URL.</param>
/// <param name="UploadedAt">When it was stored.</param>
public sealed record BrandAsset(BrandAssetKind Kind, string ContentType, byte[] Content, string Version, DateTimeOffset UploadedAt)
{
    /// <summary>The path the web serves an operator's asset at (the host names the operator).</summary>
    public static string PathOf(BrandAssetKind kind) => kind == BrandAssetKind.Logo ? "/_ps/brand/logo" : "/_ps/brand/favicon";

    /// <summary>The versioned URL: a new upload gets a new URL, so the old one can be cached for good.</summary>
    public string Url => $"{PathOf(Kind)}?v={Version}";
}

/// <summary>
/// Accepts an uploaded image only by what its bytes are, never by the name or type the client claims: PNG, JPEG, ICO
/// and WebP by their magic numbers, SVG as well-formed XML with an svg root and nothing that runs (scripts, event
/// handlers, javascript: links, foreign HTML, DTDs).
/// </summary>
public static class BrandAssetRules
{
    /// <summary>The largest image accepted: 256 KiB.</summary>
    public const int MaxBytes = 256 * 1024;

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Ico => [0x00, 0x00, 0x01, 0x00];

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The content type of an acceptable image; INVALID_ARGUMENT on field <c>content</c> otherwise.</summary>
    public static string Sniff(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            throw new ApiException(ApiError.Required("content"));
        }

        if (content.Length > MaxBytes)
        {
            throw new ApiException(ApiError.Invalid("content", "asset_too_large", $"the image is {content.Length} bytes; at most {MaxBytes} ({MaxBytes / 1024} KiB) are accepted"));
        }

        if (content.StartsWith(Png))
        {
            return "image/png";
        }

        if (content.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }

        if (content.Length >= 6 && content.StartsWith(Ico) && (content[4] | content[5]) != 0)
        {
            return "image/x-icon";
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (LooksLikeXml(content))
        {
            CheckSvg(content);
            return "image/svg+xml";
        }

        throw new ApiException(ApiError.Invalid("content", "asset_type_unsupported", "the bytes are not a PNG, JPEG, ICO, WebP or SVG image"));
    }

    /// <summary>The stored form of an accepted image.</summary>
    public static BrandAsset Accept(BrandAssetKind kind, byte[] content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        var type = Sniff(content);
        var version = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
        return new BrandAsset(kind, type, content, version, now);
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> content)
    {
        var text = content.StartsWith(Utf8Bom) ? content[3..] : content;
        var i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < text.Length && text[i] == (byte)'<';
    }

    private static void CheckSvg(ReadOnlySpan<byte> content)
    {
        // no DTD: it is how entity expansion and external entities get in
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        var root = true;
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (root && reader.LocalName != "svg")
                {
                    throw Refused("svg_invalid", $"the root element is <{reader.LocalName}>, not <svg>");
                }

                root = false;
                if (reader.LocalName.Equals("script", StringComparison.OrdinalIgnoreCase) || reader.LocalName.Equals("foreignObject", StringComparison.OrdinalIgnoreCase))
                {
                    throw Refused("svg_script_refused", $"an SVG with <{reader.LocalName}> is refused: it can run code in the page");
                }

                CheckAttributes(reader);
            }
        }
        catch (XmlException e)
        {
            throw Refused("svg_not_well_formed", $"the SVG is not well-formed XML: {e.Message}");
        }

        if (root)
        {
            throw Refused("svg_invalid", "the SVG has no <svg> element");
        }
    }

    private static void CheckAttributes(XmlReader reader)
    {
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            if (reader.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                throw Refused("svg_event_handler_refused", $"an SVG with the event handler '{reader.LocalName}' is refused");
            }

            var value = new StringBuilder(reader.Value.Length);
            foreach (var c in reader.Value)
            {
                if (!char.IsWhiteSpace(c) && !char.IsControl(c))
                {
                    value.Append(c);
                }
            }

            // browsers ignore whitespace and control characters inside a URL scheme: "java\tscript:" still runs
            var compact = value.ToString();
            if (compact.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                throw Refused("svg_script_refused", $"an SVG with a javascript: link in '{reader.LocalName}' is refused");
            }
        }

        reader.MoveToElement();
    }

    private static ApiException Refused(string code, string message) => new(ApiError.Invalid("content", code, message));
}
