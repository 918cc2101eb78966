using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace PerpStudio.Grpc.Protocol;

/// <summary>Converts between custom metadata and HTTP header fields (base64 for <c>-bin</c> keys).</summary>
internal static class MetadataHeaders
{
    // Kestrel names the headers it knows in title case (User-Agent, Authorization): their lower-case forms are kept
    // here so that receiving them does not build a new string on every call
    private static readonly FrozenDictionary<string, string> LowerCaseNames = new[]
    {
        "accept", "accept-charset", "accept-encoding", "accept-language", "authorization", "baggage", "cache-control",
        "connection", "cookie", "correlation-context", "date", "expect", "from", "keep-alive", "max-forwards", "origin",
        "pragma", "proxy-authorization", "range", "referer", "request-id", "traceparent", "tracestate", "upgrade",
        "user-agent", "via", "warning",
    }.ToFrozenDictionary(name => name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Adds one received header to <paramref name="metadata"/>, skipping protocol headers.
    /// A malformed binary value is reported through the return value so the caller can reject the call.
    /// </summary>
    public static bool TryAdd(Metadata metadata, string name, IEnumerable<string?> values, out string error)
    {
        error = string.Empty;
        if (GrpcProtocol.IsReservedHeader(name))
        {
            return true;
        }

        var key = LowerCase(name);
        foreach (var value in values)
        {
            if (!TryAddValue(metadata, key, value, out error))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same as the other overload for a server's request header, without boxing its values.</summary>
    public static bool TryAdd(Metadata metadata, string name, StringValues values, out string error)
    {
        error = string.Empty;
        if (GrpcProtocol.IsReservedHeader(name))
        {
            return true;
        }

        var key = LowerCase(name);
        for (var i = 0; i < values.Count; i++)
        {
            if (!TryAddValue(metadata, key, values[i], out error))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryAddValue(Metadata metadata, string key, string? value, out string error)
    {
        error = string.Empty;
        if (value is null)
        {
            return true;
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

        return true;
    }

    private static string LowerCase(string name)
    {
        foreach (var c in name)
        {
            if (c is >= 'A' and <= 'Z' || c > '\u007F')
            {
                return LowerCaseNames.TryGetValue(name, out var known) ? known : name.ToLowerInvariant();
            }
        }

        return name;
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

    /// <summary>Header values for metadata, grouped by key (duplicates become multiple values) in order of first appearance.</summary>
    public static IReadOnlyList<KeyValuePair<string, StringValues>> ToHeaders(Metadata metadata)
    {
        var count = metadata.Count;
        if (count == 0)
        {
            return [];
        }

        var headers = new List<KeyValuePair<string, StringValues>>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = metadata[i];
            var at = IndexOf(headers, entry.Key);
            if (at >= 0)
            {
                headers[at] = new KeyValuePair<string, StringValues>(entry.Key, StringValues.Concat(headers[at].Value, entry.Value));
            }
            else
            {
                headers.Add(new KeyValuePair<string, StringValues>(entry.Key, entry.Value));
            }
        }

        return headers;
    }

    private static int IndexOf(List<KeyValuePair<string, StringValues>> headers, string key)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

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
