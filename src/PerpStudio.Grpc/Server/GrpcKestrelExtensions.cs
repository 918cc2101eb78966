using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PerpStudio.Grpc.Server;

/// <summary>Kestrel listeners for gRPC.</summary>
public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens for cleartext HTTP/2 (h2c) only. Without TLS there is no ALPN, so a listener offering
    /// HTTP/1.1 and HTTP/2 would fall back to HTTP/1.1: gRPC needs a listener of its own.
    /// </summary>
    public static KestrelServerOptions ListenGrpcH2c(this KestrelServerOptions kestrel, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        return kestrel;
    }
}
