namespace PerpStudio.Grpc.Protocol;

/// <summary>Header names and fixed values of gRPC over HTTP/2 (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
public static class GrpcProtocol
{
    /// <summary>The content type of every gRPC request and response.</summary>
    public const string ContentType = "application/grpc";

    /// <summary>The status trailer.</summary>
    public const string StatusHeader = "grpc-status";

    /// <summary>The percent-encoded status detail trailer.</summary>
    public const string MessageHeader = "grpc-message";

    /// <summary>The call timeout request header.</summary>
    public const string TimeoutHeader = "grpc-timeout";

    /// <summary>The message encoding (compression) of the sender.</summary>
    public const string EncodingHeader = "grpc-encoding";

    /// <summary>The message encodings the sender accepts.</summary>
    public const string AcceptEncodingHeader = "grpc-accept-encoding";

    /// <summary>The length of the prefix before each message: 1 flag byte and a 4-byte big-endian length.</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>The default largest message accepted or sent, 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>True when a content type is gRPC: <c>application/grpc</c> optionally followed by <c>+format</c> or <c>;params</c>.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>True when the header is part of the protocol rather than custom metadata.</summary>
    internal static bool IsReservedHeader(string name) =>
        name.StartsWith(':')
        || name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase);
}
