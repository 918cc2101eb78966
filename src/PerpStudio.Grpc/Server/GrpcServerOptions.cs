using PerpStudio.Grpc.Protocol;

namespace PerpStudio.Grpc.Server;

/// <summary>Server-wide limits and behaviour of the gRPC endpoints.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The largest request message accepted (after decompression); larger gets RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>The largest response message sent; larger fails the call with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Gzip responses when the client's <c>grpc-accept-encoding</c> lists gzip. Default off.</summary>
    public bool CompressResponses { get; set; }

    /// <summary>The clock deadlines are measured with; tests may substitute a controllable one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
