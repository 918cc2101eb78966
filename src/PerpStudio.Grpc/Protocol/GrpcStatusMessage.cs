using System.Text;

namespace PerpStudio.Grpc.Protocol;

/// <summary>
/// The percent-encoding of <c>grpc-message</c>: UTF-8 bytes, with every byte outside
/// space..'~' and the '%' itself written as %XX.
/// </summary>
public static class GrpcStatusMessage
{
    /// <summary>Encodes a status detail for the wire.</summary>
    public static string Encode(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var needs = false;
        foreach (var c in detail)
        {
            if (!IsUnreserved(c))
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return detail;
        }

        var bytes = Encoding.UTF8.GetBytes(detail);
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (IsUnreserved((char)b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Decodes a received <c>grpc-message</c>. Never throws: a broken %-sequence is kept as it is,
    /// and bytes that are not UTF-8 become the replacement character, as the spec asks.
    /// </summary>
    public static string Decode(string? wire)
    {
        if (string.IsNullOrEmpty(wire))
        {
            return string.Empty;
        }

        if (!wire.Contains('%', StringComparison.Ordinal))
        {
            return wire;
        }

        var bytes = new List<byte>(wire.Length);
        for (var i = 0; i < wire.Length; i++)
        {
            var c = wire[i];
            if (c == '%' && i + 2 < wire.Length && TryHex(wire[i + 1], out var hi) && TryHex(wire[i + 2], out var lo))
            {
                bytes.Add((byte)((hi << 4) | lo));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsUnreserved(char c) => c is >= ' ' and <= '~' and not '%';

    private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'A' + v - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
