using System.Buffers;
using System.IO.Compression;

namespace PerpStudio.Grpc.Protocol;

/// <summary>The message encodings this implementation speaks: identity and gzip, one context per message.</summary>
public static class MessageCompression
{
    /// <summary>No compression.</summary>
    public const string Identity = "identity";

    /// <summary>RFC 1952 gzip.</summary>
    public const string Gzip = "gzip";

    /// <summary>The value of <c>grpc-accept-encoding</c> this implementation sends.</summary>
    public const string AcceptedEncodings = "identity,gzip";

    /// <summary>True when <paramref name="encoding"/> names an encoding this implementation can decompress.</summary>
    public static bool IsSupported(string? encoding) =>
        encoding is null || encoding.Equals(Identity, StringComparison.OrdinalIgnoreCase) || encoding.Equals(Gzip, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a <c>grpc-accept-encoding</c> value lists gzip.</summary>
    public static bool AcceptsGzip(string? acceptEncoding) =>
        acceptEncoding is not null && acceptEncoding.Split(',', StringSplitOptions.TrimEntries).Contains(Gzip, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gzips one message.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> message)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(message);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Gunzips one message, refusing output larger than <paramref name="maxSize"/> so a small
    /// compressed frame cannot inflate without bound.
    /// </summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT when the bytes are not gzip; RESOURCE_EXHAUSTED when too large.</exception>
    public static byte[] Decompress(ReadOnlySequence<byte> compressed, int maxSize)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxSize)
                {
                    throw new RpcException(StatusCode.ResourceExhausted,
                        $"Decompressed message exceeds the maximum message size of {maxSize} bytes");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"Message marked as gzip-compressed is not valid gzip: {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }
}
