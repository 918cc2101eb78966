using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// Free loopback ports below the kernel's ephemeral range, for members started in other processes. A port the kernel
/// handed out as free (port 0) comes from the ephemeral range, where any outgoing connection of any process may take it
/// as its local port before the member binds it, or while a killed member is restarted on it; below that range only
/// listeners take ports.
/// </summary>
internal static class ListenPorts
{
    private const int Lowest = 10_000;

    /// <summary>A port nothing listens on now, outside the ephemeral range.</summary>
    public static int Next()
    {
        var highest = EphemeralStart() - 1;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = RandomNumberGenerator.GetInt32(Lowest, highest);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        throw new InvalidOperationException($"no free loopback port between {Lowest} and {highest}");
    }

    private static int EphemeralStart()
    {
        // Linux: "32768\t60999"; elsewhere assume the IANA range
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range)
            ? int.Parse(File.ReadAllText(range).Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)
            : 49_152;
    }
}
