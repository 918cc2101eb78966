using PerpStudio.Grpc.Client;

namespace PerpStudio.Client;

/// <summary>Settings of a <see cref="PerpStudioClient"/>.</summary>
public sealed class PerpStudioClientOptions
{
    /// <summary>
    /// The deadline given to unary calls made without one; null for none. Streams never get a default deadline.
    /// Default 30 s.
    /// </summary>
    public TimeSpan? DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Transport settings: message size limits, compression, the clock deadlines use.</summary>
    public GrpcClientOptions Grpc { get; set; } = new();
}
