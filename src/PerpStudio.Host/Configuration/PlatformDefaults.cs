namespace PerpStudio.Host.Configuration;

/// <summary>
/// Fills in what an empty configuration leaves out, after binding: lists cannot carry defaults through binding
/// (configured items would be appended to them), so the embedded defaults are applied here.
/// </summary>
public static class PlatformDefaults
{
    /// <summary>The embedded default's two simulated venues: <c>sim-a</c> deep and cheap, <c>sim-b</c> thin and dearer.</summary>
    public static IReadOnlyList<SimulatedVenueSettings> SimulatedVenues =>
    [
        new() { Name = "sim-a", Seed = 11, MakerFee = 0.0001m, TakerFee = 0.00035m, Depth = 4, HalfSpreadTicks = 1 },
        new() { Name = "sim-b", Seed = 23, MakerFee = 0.0002m, TakerFee = 0.0005m, Depth = 1, HalfSpreadTicks = 2 },
    ];

    /// <summary>The demo operator's markets and leverage caps.</summary>
    public static IReadOnlyList<string> DemoMarkets => ["BTC-USD:40", "ETH-USD:25", "SOL-USD:20"];

    /// <summary>Applies the defaults in place and returns the options.</summary>
    public static PlatformOptions Apply(PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Venues.Simulated.Count == 0 && !options.Venues.Hyperliquid.Enabled)
        {
            options.Venues.Simulated.AddRange(SimulatedVenues);
        }

        if (options.Demo.Markets.Count == 0)
        {
            options.Demo.Markets.AddRange(DemoMarkets);
        }

        return options;
    }
}
