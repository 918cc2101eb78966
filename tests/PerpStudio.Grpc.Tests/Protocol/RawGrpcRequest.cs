using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Tests.Protocol;

/// <summary>What came back for a hand-made request: HTTP status, headers, body bytes and the gRPC status wherever it was sent.</summary>
internal sealed record RawGrpcResponse(HttpStatusCode HttpStatus, HttpResponseHeaders Headers, HttpResponseHeaders Trailers, byte[] Body)
{
    public string? StatusHeader(string name) =>
        Trailers.TryGetValues(name, out var t) ? t.First() : Headers.TryGetValues(name, out var h) ? h.First() : null;

    public StatusCode? GrpcStatus => StatusHeader(GrpcProtocol.StatusHeader) is { } s ? (StatusCode)int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string GrpcMessage => GrpcStatusMessage.Decode(StatusHeader(GrpcProtocol.MessageHeader));

    /// <summary>True when the status came in the headers with no body (trailers-only).</summary>
    public bool IsTrailersOnly => Headers.Contains(GrpcProtocol.StatusHeader) && Body.Length == 0;
}

/// <summary>Sends hand-made HTTP/2 requests, so tests can put exactly the bytes they want on the wire.</summary>
internal static class RawGrpcRequest
{
    public static byte[] Frame(IMessage message) => Frame(0, message.ToByteArray());

    public static byte[] Frame(byte flag, byte[] payload, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<RawGrpcResponse> SendAsync(
        int port,
        string path,
        byte[] body,
        IReadOnlyDictionary<string, string>? headers = null,
        string contentType = "application/grpc",
        HttpMethod? method = null,
        Version? version = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, $"http://127.0.0.1:{port}{path}")
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (request.Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new RawGrpcResponse(response.StatusCode, response.Headers, response.TrailingHeaders, bytes);
    }
}
