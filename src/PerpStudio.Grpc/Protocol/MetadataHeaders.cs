using Microsoft.Extensions.Primitives;

namespace PerpStudio.Grpc.Protocol;

/// <summary>Converts between custom metadata and HTTP header fields (base64 for <c>-bin</c> keys).</summary>
internal static class MetadataHeaders
{
    /// <summary>
    /// Adds one received header to <paramref name="metadata"/>, skipping protocol headers.
    /// A malformed binary value is reported through the return value so the caller can reject the call.
    /// </summary>
    public static bool TryAdd(Metadata metadata, string name, IEnumerable<string?> values, out string error)
    {
        error = string.Empty;
        var key = name.ToLowerInvariant();
        if (GrpcProtocol.IsReservedHeader(key))
        {
            return true;
        }

        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal))
            {
                // duplicate binary headers may arrive joined with ','; each part is base64 on its own
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (!TryDecodeBase64(part, out var bytes))
                    {
                        error = $"metadata '{key}' is not valid base64";
                        return false;
                    }

                    if (TryBinaryEntry(key, bytes) is { } entry)
                    {
                        metadata.Add(entry);
                    }
                }
            }
            else
            {
                try
                {
                    metadata.Add(Metadata.Entry.Text(key, value.Trim()));
                }
                catch (ArgumentException)
                {
                    // the spec lets a receiver drop a value HTTP allows but gRPC's ASCII range does not
                }
            }
        }

        return true;
    }

    private static Metadata.Entry? TryBinaryEntry(string key, byte[] bytes)
    {
        try
        {
            return Metadata.Entry.Binary(key, bytes);
        }
        catch (ArgumentException)
        {
            // a header name HTTP allows but gRPC metadata does not: dropped, as with ASCII values
            return null;
        }
    }

    /// <summary>Header values for metadata, grouped by key (duplicates become multiple values).</summary>
    public static IEnumerable<KeyValuePair<string, StringValues>> ToHeaders(Metadata metadata) =>
        metadata
            .GroupBy(e => e.Key)
            .Select(g => new KeyValuePair<string, StringValues>(g.Key, new StringValues(g.Select(e => e.Value).ToArray())));

    /// <summary>Decodes base64 with or without padding, as the spec requires.</summary>
    public static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        bytes = new byte[padded.Length / 4 * 3 + 3];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
