using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Domain.Orders;
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
/// Every step is idempotent, so a restart over Redis finds what it seeded before and changes nothing, and members that
/// seed at once all succeed: a configuration another member changed meanwhile is read again and reapplied.
/// </summary>
public sealed partial class DemoSeed(
    IGrainFactory grains,
    OperatorAdminService admin,
    OperatorVenueLinks links,
    VenueFleet fleet,
    DemoCredentials credentials,
    PlatformOptions options,
    ILogger<DemoSeed> logger) : IHostedService
{
    private const int ContendedAttempts = 10;

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
        await links.LinkAsync(demo.OperatorId);
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

        var apiKey = await credentials.IssueTraderKeyAsync(demo.OperatorId, trader.Address, demo.ApiKey);
        Access = new DemoAccess(demo.OperatorId, trader.Address.ToString(), apiKey);
        LogSeeded(logger, demo.OperatorId, Access.TraderAddress);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ConfigureOperatorAsync(DemoOptions demo)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyConfigurationAsync(demo);
                return;
            }
            catch (ApiException ex) when (ex.Error.Code is "config_contended" or "profile_contended" && attempt < ContendedAttempts)
            {
                // other members seeding the same operator won every round of the update: the same seed again
                LogContended(logger, demo.OperatorId, attempt);
            }
        }
    }

    private async Task ApplyConfigurationAsync(DemoOptions demo)
    {
        // through the API's application services, as an operator's console would: nothing the API could not do
        const string seed = "host-demo-seed";
        try
        {
            await admin.CreateOperatorAsync(CallerContext.Platform(seed), demo.OperatorId, null, null);
        }
        catch (ApiException ex) when (ex.Error.Code == "operator_exists")
        {
            // seeded by an earlier start (durable storage): configure it again below, which changes nothing
        }

        var caller = CallerContext.OperatorAdmin(demo.OperatorId, seed);
        var venues = demo.Venues.Count > 0 ? demo.Venues.ToImmutableArray() : [.. fleet.VenueIds.Select(v => v.Value)];
        var markets = demo.Markets
            .Select(DemoMarket.Parse)
            .Select(m => new OperatorMarketInput(
                new MarketOffering(m.Market, Math.Min(10, m.MaxLeverage), m.MaxLeverage, venues),
                [MarginMode.Cross, MarginMode.Isolated]))
            .ToList();
        await admin.SetMarketsAsync(caller, markets);
        var markup = Rate.Of(demo.Markup);
        var platformShare = Rate.Of(demo.PlatformShare);
        await admin.SetFeesAsync(caller, new FeeScheduleInput(markup, markup, new Rate(Rate.Scale) - platformShare, platformShare), []);
        await admin.SetFeaturesAsync(caller, new FeatureFlags(OrderBook: true, Chart: true, OneClickTrading: true, LeverageSelector: true, Leaderboard: true), demoDeposits: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo operator {Operator}: another member changed its configuration during seed attempt {Attempt}; seeding again")]
    private static partial void LogContended(ILogger logger, string @operator, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo operator {Operator} seeded; demo trader {Trader} funded")]
    private static partial void LogSeeded(ILogger logger, string @operator, string trader);
}

/// <summary>How to reach the demo: the operator, the trader's wallet address and its API key.</summary>
/// <param name="OperatorId">The demo operator.</param>
/// <param name="TraderAddress">The demo trader's address (EIP-55).</param>
/// <param name="ApiKey">The demo trader's API key (send in <c>x-api-key</c>).</param>
public sealed record DemoAccess(string OperatorId, string TraderAddress, string ApiKey);
