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
    /// <param name="kestrel">The Kestrel options.</param>
    /// <param name="address">The address to bind, e.g. <see cref="IPAddress.Loopback"/>.</param>
    /// <param name="port">The port; 0 lets the OS choose (read it back from the listen options after start).</param>
    /// <param name="configure">Further listener settings (TLS, connection middleware); runs after the protocol is set.</param>
    public static KestrelServerOptions ListenGrpcH2c(this KestrelServerOptions kestrel, IPAddress address, int port, Action<ListenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            configure?.Invoke(listen);
        });
        return kestrel;
    }
}
