using System.Globalization;
using System.Net;
using PerpStudio.Host.Venues;

namespace PerpStudio.Host.Configuration;

/// <summary>
/// Checks <see cref="PlatformOptions"/> before anything starts and names every setting that is wrong, with its
/// configuration key and the value found, so that a misconfigured host stops at once with an actionable message.
/// </summary>
public static class PlatformOptionsValidator
{
    private const string Root = PlatformOptions.SectionName;

    /// <summary>Every problem found, one sentence each; empty when the options are usable.</summary>
    public static IReadOnlyList<string> Validate(PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            errors.Add($"{Root}:ListenAddress must be an IP address such as 127.0.0.1 or 0.0.0.0 (was '{options.ListenAddress}')");
        }

        Port(errors, "Grpc:Port", options.Grpc.Port);
        Port(errors, "Web:Port", options.Web.Port);
        if (options.Grpc.Port == options.Web.Port && options.Grpc.Port is >= 1 and <= 65535)
        {
            errors.Add($"{Root}:Grpc:Port and {Root}:Web:Port must differ: gRPC needs an HTTP/2-only listener of its own (both were {options.Grpc.Port})");
        }

        Positive(errors, "Storage:ConnectTimeout", options.Storage.ConnectTimeout);
        Positive(errors, "Timers:MarkInterval", options.Timers.MarkInterval);
        Positive(errors, "Timers:ReconcileInterval", options.Timers.ReconcileInterval);
        Positive(errors, "Timers:HealthInterval", options.Timers.HealthInterval);
        Positive(errors, "Timers:LiquidationInterval", options.Timers.LiquidationInterval);
        var venueNames = ValidateVenues(errors, options.Venues);
        ValidateDemo(errors, options.Demo, venueNames);
        return errors;
    }

    private static HashSet<string> ValidateVenues(List<string> errors, VenuesOptions venues)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < venues.Simulated.Count; i++)
        {
            var sim = venues.Simulated[i];
            var key = $"Venues:Simulated:{i}";
            if (!VenueName.IsValid(sim.Name))
            {
                errors.Add($"{Root}:{key}:Name must be 1 to 32 characters of a-z, 0-9 and '-' (was '{sim.Name}')");
            }
            else if (!names.Add(sim.Name))
            {
                errors.Add($"{Root}:{key}:Name '{sim.Name}' is used by another venue");
            }

            Rate(errors, $"{key}:MakerFee", sim.MakerFee, allowNegative: true);
            Rate(errors, $"{key}:TakerFee", sim.TakerFee, allowNegative: false);
            Range(errors, $"{key}:Depth", sim.Depth, 1, 1000);
            Range(errors, $"{key}:HalfSpreadTicks", sim.HalfSpreadTicks, 1, 1000);
            Range(errors, $"{key}:RejectPerMillion", sim.RejectPerMillion, 0, 1_000_000);
            Range(errors, $"{key}:DropFillPerMillion", sim.DropFillPerMillion, 0, 1_000_000);
            Range(errors, $"{key}:BackgroundTakersPerStep", sim.BackgroundTakersPerStep, 0, 100);
            Positive(errors, $"{key}:StepInterval", sim.StepInterval);
            if (sim.Latency < TimeSpan.Zero)
            {
                errors.Add($"{Root}:{key}:Latency must not be negative (was {sim.Latency})");
            }
        }

        var hl = venues.Hyperliquid;
        if (hl.Enabled)
        {
            if (!VenueName.IsValid(hl.Name))
            {
                errors.Add($"{Root}:Venues:Hyperliquid:Name must be 1 to 32 characters of a-z, 0-9 and '-' (was '{hl.Name}')");
            }
            else if (!names.Add(hl.Name))
            {
                errors.Add($"{Root}:Venues:Hyperliquid:Name '{hl.Name}' is used by another venue");
            }

            if (hl.Network is not ("Mainnet" or "Testnet"))
            {
                errors.Add($"{Root}:Venues:Hyperliquid:Network must be Mainnet or Testnet (was '{hl.Network}')");
            }

            if (hl.ApiUrl.Length > 0 && !Uri.TryCreate(hl.ApiUrl, UriKind.Absolute, out _))
            {
                errors.Add($"{Root}:Venues:Hyperliquid:ApiUrl must be an absolute URL (was '{hl.ApiUrl}')");
            }
        }

        if (names.Count == 0 && errors.Count == 0)
        {
            errors.Add($"{Root}:Venues names no venue: configure at least one simulated venue or enable Hyperliquid");
        }

        return names;
    }

    private static void ValidateDemo(List<string> errors, DemoOptions demo, HashSet<string> venueNames)
    {
        if (!demo.Enabled)
        {
            return;
        }

        if (!VenueName.IsValid(demo.OperatorId))
        {
            errors.Add($"{Root}:Demo:OperatorId must be 1 to 32 characters of a-z, 0-9 and '-' (was '{demo.OperatorId}')");
        }

        Rate(errors, "Demo:Markup", demo.Markup, allowNegative: false);
        if (demo.PlatformShare is < 0m or > 1m)
        {
            errors.Add($"{Root}:Demo:PlatformShare must be between 0 and 1 (was {Text(demo.PlatformShare)})");
        }

        if (demo.TraderDeposit < 0m)
        {
            errors.Add($"{Root}:Demo:TraderDeposit must not be negative (was {Text(demo.TraderDeposit)})");
        }

        for (var i = 0; i < demo.Venues.Count; i++)
        {
            if (!venueNames.Contains(demo.Venues[i]))
            {
                errors.Add($"{Root}:Demo:Venues:{i} names unknown venue '{demo.Venues[i]}' (configured: {string.Join(", ", venueNames.Order(StringComparer.Ordinal))})");
            }
        }

        for (var i = 0; i < demo.Markets.Count; i++)
        {
            if (DemoMarket.Parse(demo.Markets[i]) is { Error: { } error })
            {
                errors.Add($"{Root}:Demo:Markets:{i} {error}");
            }
        }

        if (demo.ApiKey.Length > 0 && (demo.ApiKey.Length < 32 || demo.ApiKey.Any(c => c is <= ' ' or > '~')))
        {
            errors.Add($"{Root}:Demo:ApiKey must be at least 32 printable ASCII characters without spaces (was {demo.ApiKey.Length} characters)");
        }

        if (demo.TraderPrivateKey.Length > 0 && !DemoTraderKey.IsValid(demo.TraderPrivateKey))
        {
            errors.Add($"{Root}:Demo:TraderPrivateKey must be 0x followed by 64 hex digits");
        }
    }

    private static void Port(List<string> errors, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{Root}:{key} must be between 1 and 65535 (was {port})");
        }
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Root}:{key} must be between {min} and {max} (was {value})");
        }
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{Root}:{key} must be a positive duration such as 00:00:05 (was {value})");
        }
    }

    private static void Rate(List<string> errors, string key, decimal value, bool allowNegative)
    {
        var min = allowNegative ? -0.01m : 0m;
        if (value < min || value > 0.01m)
        {
            errors.Add($"{Root}:{key} must be a rate between {Text(min)} and 0.01 (was {Text(value)})");
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
