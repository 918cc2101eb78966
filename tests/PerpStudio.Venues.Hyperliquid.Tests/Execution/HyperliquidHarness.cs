using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Config;
using PerpStudio.Venues.Hyperliquid.Execution;
using PerpStudio.Venues.Hyperliquid.Nonces;
using PerpStudio.Venues.Hyperliquid.Tests.Fake;

namespace PerpStudio.Venues.Hyperliquid.Tests.Execution;

/// <summary>A fake Hyperliquid with a liquid BTC book and an account traded through an approved agent wallet.</summary>
public sealed class HyperliquidHarness : IVenueHarness
{
    private HyperliquidHarness(FakeHyperliquidServer server, HyperliquidVenue venue, PrivateKey agent, EthereumAddress account)
    {
        Server = server;
        HyperliquidVenue = venue;
        Agent = agent;
        Account = account;
    }

    public FakeHyperliquidServer Server { get; }

    public HyperliquidVenue HyperliquidVenue { get; }

    public PrivateKey Agent { get; }

    public EthereumAddress Account { get; }

    public IVenue Venue => HyperliquidVenue;

    public MarketId Market { get; } = new("BTC-USD");

    public static async Task<HyperliquidHarness> StartAsync(INonceStore? nonces = null, TimeProvider? time = null)
    {
        var server = await FakeHyperliquidServer.StartAsync();
        var exchange = server.Exchange;
        exchange.AddAsset("BTC", szDecimals: 5, maxLeverage: 40, Price.Of(30000m));
        exchange.AddAsset("ETH", szDecimals: 4, maxLeverage: 25, Price.Of(1900m));
        var maker = PrivateKey.Generate().Address;
        exchange.AddAccount(maker, Money.Of(100_000_000m));
        for (var i = 1; i <= 10; i++)
        {
            exchange.Rest(maker, "BTC", isBuy: true, Price.Of(30000m - (10 * i)), Quantity.Of(1m));
            exchange.Rest(maker, "BTC", isBuy: false, Price.Of(30000m + (10 * i)), Quantity.Of(1m));
            exchange.Rest(maker, "ETH", isBuy: true, Price.Of(1900m - (0.5m * i)), Quantity.Of(10m));
            exchange.Rest(maker, "ETH", isBuy: false, Price.Of(1900m + (0.5m * i)), Quantity.Of(10m));
        }

        var account = PrivateKey.Generate();
        var agent = PrivateKey.Generate();
        exchange.AddAccount(account.Address, Money.Of(100_000m));
        exchange.ApproveAgent(agent.Address, account.Address);
        var venue = await ConnectAsync(server, agent, account.Address, nonces, time);
        return new HyperliquidHarness(server, venue, agent, account.Address);
    }

    /// <summary>Another adapter instance on the same fake (a restarted process).</summary>
    public static Task<HyperliquidVenue> ConnectAsync(FakeHyperliquidServer server, PrivateKey agent, EthereumAddress account, INonceStore? nonces, TimeProvider? time) =>
        HyperliquidVenue.CreateAsync(Options(server), time: time, nonceStore: nonces, credentials: new HyperliquidCredentials(agent, account));

    public static HyperliquidVenueOptions Options(FakeHyperliquidServer server) => new()
    {
        Network = HyperliquidNetwork.Testnet,
        ApiUrl = server.BaseUri,
        ReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    public async ValueTask DisposeAsync()
    {
        await HyperliquidVenue.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>The conformance suite's factory.</summary>
public sealed class HyperliquidHarnessFactory : IVenueHarnessFactory
{
    public async Task<IVenueHarness> CreateAsync() => await HyperliquidHarness.StartAsync();
}

public sealed class HyperliquidMarketData : MarketDataConformance<HyperliquidHarnessFactory>;

public sealed class HyperliquidOrderEntry : OrderEntryConformance<HyperliquidHarnessFactory>;

public sealed class HyperliquidPostOnly : PostOnlyConformance<HyperliquidHarnessFactory>;

public sealed class HyperliquidReduceOnly : ReduceOnlyConformance<HyperliquidHarnessFactory>;

public sealed class HyperliquidCancelByClientId : CancelByClientIdConformance<HyperliquidHarnessFactory>;

public sealed class HyperliquidModify : ModifyConformance<HyperliquidHarnessFactory>;

public sealed class HyperliquidTriggerOrders : TriggerOrderConformance<HyperliquidHarnessFactory>;

public sealed class HyperliquidTrades : TradesConformance<HyperliquidHarnessFactory>;
