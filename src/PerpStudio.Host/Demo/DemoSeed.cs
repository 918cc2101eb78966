using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Host.Configuration;
using PerpStudio.Host.Routing;
using PerpStudio.Host.Venues;
using PerpStudio.Runtime;

namespace PerpStudio.Host.Demo;

/// <summary>
/// Seeds the embedded default at startup: the demo operator (markets with leverage caps, both margin modes, a fee
/// markup, demo deposits on) linked to every venue, a demo trader funded with demo collateral, and an API key for it.
/// Every step is idempotent, so a restart over Redis finds what it seeded before and changes nothing.
/// </summary>
public sealed partial class DemoSeed(
    IGrainFactory grains,
    OperatorVenueLinks links,
    VenueFleet fleet,
    DemoCredentials credentials,
    PlatformOptions options,
    ILogger<DemoSeed> logger) : IHostedService
{
    /// <summary>What the seed produced, once started.</summary>
    public DemoAccess? Access { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Demo;
        if (!demo.Enabled)
        {
            return;
        }

        await ConfigureOperatorAsync(demo);
        links.Link(demo.OperatorId);
        var trader = DemoTraderKey.Resolve(demo.TraderPrivateKey);
        var traderId = trader.Address.ToLowerHex();
        if (demo.TraderDeposit > 0m)
        {
            var account = grains.GetGrain<IAccountGrain>(GrainKeys.Account(demo.OperatorId, traderId));
            var funded = await account.DepositAsync(new Deposit($"demo-seed-{traderId}", Money.Of(demo.TraderDeposit), Demo: true));
            if (!funded.IsSuccess)
            {
                throw new InvalidOperationException($"the demo trader could not be funded: {funded.Error}");
            }
        }

        var apiKey = await credentials.IssueTraderKeyAsync(demo.OperatorId, traderId, demo.ApiKey);
        Access = new DemoAccess(demo.OperatorId, trader.Address.ToString(), apiKey);
        LogSeeded(logger, demo.OperatorId, Access.TraderAddress);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ConfigureOperatorAsync(DemoOptions demo)
    {
        var venues = demo.Venues.Count > 0 ? demo.Venues.ToImmutableArray() : [.. fleet.VenueIds.Select(v => v.Value)];
        var markets = demo.Markets
            .Select(DemoMarket.Parse)
            .Select(m => new MarketOffering(m.Market, Math.Min(10, m.MaxLeverage), m.MaxLeverage, venues))
            .ToImmutableArray();
        var fees = new OperatorFees(Rate.Of(demo.Markup), Rate.Zero, Rate.Of(demo.PlatformShare));
        var op = grains.GetGrain<IOperatorGrain>(demo.OperatorId);
        var current = await op.GetConfigAsync();
        if (current.Version > 0 && current.Markets.SequenceEqual(markets, MarketOfferingComparer.Instance)
            && current.CrossOffered && current.IsolatedOffered && current.Fees == fees && current.DemoDeposits)
        {
            return;
        }

        var change = new OperatorConfigChange(current.Version, markets, CrossOffered: true, IsolatedOffered: true, fees, OperatorRisk.Default, DemoDeposits: true);
        var configured = await op.ConfigureAsync(change);
        if (!configured.IsSuccess)
        {
            throw new InvalidOperationException($"the demo operator could not be configured: {configured.Error}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo operator {Operator} seeded; demo trader {Trader} funded")]
    private static partial void LogSeeded(ILogger logger, string @operator, string trader);

    private sealed class MarketOfferingComparer : IEqualityComparer<MarketOffering>
    {
        public static readonly MarketOfferingComparer Instance = new();

        public bool Equals(MarketOffering? x, MarketOffering? y) =>
            x is not null && y is not null && x.Market == y.Market && x.DefaultLeverage == y.DefaultLeverage
            && x.MaxLeverage == y.MaxLeverage && x.Venues.SequenceEqual(y.Venues);

        public int GetHashCode(MarketOffering obj) => obj.Market.GetHashCode();
    }
}

/// <summary>How to reach the demo: the operator, the trader's wallet address and its API key.</summary>
/// <param name="OperatorId">The demo operator.</param>
/// <param name="TraderAddress">The demo trader's address (EIP-55).</param>
/// <param name="ApiKey">The demo trader's API key (send in <c>x-api-key</c>).</param>
public sealed record DemoAccess(string OperatorId, string TraderAddress, string ApiKey);
