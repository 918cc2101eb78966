using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace PerpStudio.Api.Tests.Fixtures;

/// <summary>What a raw HTTP/2 request got back: the HTTP status and the gRPC status (null when the server sent none).</summary>
/// <param name="HttpStatus">HTTP status.</param>
/// <param name="GrpcStatus">grpc-status from headers or trailers.</param>
public sealed record RawOutcome(HttpStatusCode HttpStatus, int? GrpcStatus);

/// <summary>Sends hand-made gRPC requests (any body, any content type, any headers) over h2c.</summary>
public sealed class RawGrpc(Uri address) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
    {
        BaseAddress = address,
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A gRPC frame: compressed flag, declared length (defaults to the payload's), payload.</summary>
    public static byte[] Frame(byte[] payload, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/>.</summary>
    public async Task<RawOutcome> SendAsync(string path, byte[] body, string contentType, IEnumerable<(string Name, string Value)> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.CopyToAsync(Stream.Null);
        var status = response.Headers.TryGetValues("grpc-status", out var h) ? h.First()
            : response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First() : null;
        return new RawOutcome(response.StatusCode, status is null ? null : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
