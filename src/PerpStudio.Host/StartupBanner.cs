using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerpStudio.Api;
using PerpStudio.Host.Composition;
using PerpStudio.Host.Venues;

namespace PerpStudio.Host;

/// <summary>What the host prints once it listens: where to connect and how to sign in to the demo.</summary>
public static class StartupBanner
{
    /// <summary>The banner text.</summary>
    public static string Describe(PlatformApp platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var o = platform.Options;
        var fleet = platform.App.Services.GetRequiredService<VenueFleet>();
        var b = new StringBuilder();
        b.AppendLine("PerpStudio is running");
        b.AppendLine(CultureInfo.InvariantCulture, $"  gRPC API (h2c, HTTP/2):   {platform.GrpcAddress}");
        b.AppendLine(CultureInfo.InvariantCulture, $"  Web (HTTP/1.1):           {platform.WebAddress}  (/healthz, /readyz)");
        b.AppendLine(CultureInfo.InvariantCulture, $"  Grain storage:            {StorageComposition.Describe(o.Storage)}");
        b.AppendLine(CultureInfo.InvariantCulture, $"  Garbage collector:        {DescribeCollector()}");
        foreach (var venue in fleet.MarketDataVenues())
        {
            var fees = venue.Capabilities.Fees;
            b.AppendLine(CultureInfo.InvariantCulture, $"  Venue:                    {venue.Id} (maker {fees.Maker}, taker {fees.Taker})");
        }

        if (platform.Demo is { } demo)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  Demo operator:            {demo.OperatorId} ({string.Join(", ", o.Demo.Markets)}; cross and isolated; markup {o.Demo.Markup.ToString(CultureInfo.InvariantCulture)}; demo deposits on)");
            var domain = platform.App.Services.GetRequiredService<IOptions<PerpStudioApiOptions>>().Value.PlatformDomain;
            var frontend = new UriBuilder(platform.WebAddress) { Host = $"{demo.OperatorId}.{domain}" }.Uri;
            b.AppendLine(CultureInfo.InvariantCulture, $"  Demo trading frontend:    {frontend}  (the operator is found by host name; *.localhost is loopback)");
            b.AppendLine(CultureInfo.InvariantCulture, $"  Demo trader:              {demo.TraderAddress}");
            b.AppendLine(CultureInfo.InvariantCulture, $"  Demo API key:             {demo.ApiKey}   (metadata x-api-key)");
            b.AppendLine(CultureInfo.InvariantCulture, $"  Wallet sign-in:           AuthService with metadata x-operator-id: {demo.OperatorId}");
        }

        return b.ToString();
    }

    /// <summary>The collector's mode and gen-0 budget (DOTNET_GCgen0size sets the budget; see README, Running in production).</summary>
    public static string DescribeCollector()
    {
        var settings = GC.GetConfigurationVariables();
        var mode = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        var concurrent = settings.TryGetValue("ConcurrentGC", out var c) && c is true ? ", concurrent" : string.Empty;
        var budget = settings.TryGetValue("GCGen0MaxBudget", out var g) ? Convert.ToInt64(g, CultureInfo.InvariantCulture) : 0;
        return budget > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{mode}{concurrent}, gen-0 budget {budget / (1024.0 * 1024):0.#} MB")
            : mode + concurrent;
    }
}
