using System.Net;
using System.Net.Sockets;

namespace PerpStudio.Testing;

/// <summary>Finds a free loopback TCP port for a server a test starts.</summary>
public static class FreeTcpPort
{
    /// <summary>A port nothing listens on at the moment of the call.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
