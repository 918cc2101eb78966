using System.Globalization;

namespace PerpStudio.Grpc.Protocol;

/// <summary>
/// The <c>grpc-timeout</c> header: a positive integer of at most 8 ASCII digits followed by one unit,
/// H (hours), M (minutes), S (seconds), m (milliseconds), u (microseconds) or n (nanoseconds).
/// </summary>
public static class GrpcTimeout
{
    /// <summary>The most digits the value may have.</summary>
    public const int MaxDigits = 8;

    private const long MaxValue = 99_999_999;

    /// <summary>Parses a header value; on failure <paramref name="error"/> says precisely what is wrong.</summary>
    public static bool TryParse(string? header, out TimeSpan timeout, out string error)
    {
        timeout = default;
        if (string.IsNullOrEmpty(header))
        {
            error = "grpc-timeout is empty";
            return false;
        }

        if (header.Length < 2)
        {
            error = $"grpc-timeout '{header}' needs digits followed by a unit (H, M, S, m, u, n)";
            return false;
        }

        var digits = header.AsSpan(0, header.Length - 1);
        if (digits.Length > MaxDigits)
        {
            error = $"grpc-timeout '{header}' has more than {MaxDigits} digits";
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                error = $"grpc-timeout '{header}' has a non-digit in its value";
                return false;
            }
        }

        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var unit = header[^1];
        long? ticks = unit switch
        {
            'H' => value * TimeSpan.TicksPerHour,
            'M' => value * TimeSpan.TicksPerMinute,
            'S' => value * TimeSpan.TicksPerSecond,
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * TimeSpan.TicksPerMicrosecond,
            // a tick is 100 ns: round up so a deadline is never shortened to zero by rounding
            'n' => (value + 99) / 100,
            _ => null,
        };
        if (ticks is null)
        {
            error = $"grpc-timeout '{header}' has unknown unit '{unit}' (expected H, M, S, m, u or n)";
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        error = string.Empty;
        return true;
    }

    /// <summary>Formats a timeout in the finest unit whose value fits in 8 digits, rounding up.</summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            // an expired deadline still travels, as the smallest representable timeout
            return "1n";
        }

        var ticks = timeout.Ticks;
        if (CeilDiv(ticks, TimeSpan.TicksPerMillisecond) is var ms && ms <= MaxValue)
        {
            return ms.ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (CeilDiv(ticks, TimeSpan.TicksPerSecond) is var s && s <= MaxValue)
        {
            return s.ToString(CultureInfo.InvariantCulture) + "S";
        }

        if (CeilDiv(ticks, TimeSpan.TicksPerMinute) is var m && m <= MaxValue)
        {
            return m.ToString(CultureInfo.InvariantCulture) + "M";
        }

        return Math.Min(CeilDiv(ticks, TimeSpan.TicksPerHour), MaxValue).ToString(CultureInfo.InvariantCulture) + "H";
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
