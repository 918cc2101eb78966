using System.Security.Cryptography;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Config;
using PerpStudio.Venues.Hyperliquid.Execution;
using PerpStudio.Venues.Hyperliquid.Tests.Fake;

namespace PerpStudio.Host.Tests.Cluster;

/// <summary>
/// The venue every member of a multi-process cluster trades at, as the pods of a deployment share Hyperliquid: a local
/// fake Hyperliquid (signatures recovered, nonces enforced, orders matched) listing BTC with a maker's resting ladder,
/// and one platform account (the master) with an agent wallet per member approved for it. Hyperliquid keeps nonces per
/// signer, so members that each sign with their own agent never collide however their clocks interleave.
/// </summary>
internal sealed class SharedHyperliquid : IAsyncDisposable
{
    /// <summary>Where the maker's ladder is centred.</summary>
    public static readonly Price Mid = Price.Of(30_000m);

    private readonly PrivateKey _maker;

    private SharedHyperliquid(FakeHyperliquidServer server, PrivateKey maker, EthereumAddress master, IReadOnlyList<string> agentKeys)
    {
        Server = server;
        _maker = maker;
        Master = master;
        AgentKeys = agentKeys;
    }

    /// <summary>The running fake.</summary>
    public FakeHyperliquidServer Server { get; }

    /// <summary>The platform's account at the venue, traded by every member through its agent.</summary>
    public EthereumAddress Master { get; }

    /// <summary>Each member's agent private key (0x + 64 hex), by ordinal.</summary>
    public IReadOnlyList<string> AgentKeys { get; }

    /// <summary>Starts the fake with BTC, the maker's ladder, the master account and <paramref name="members"/> approved agents.</summary>
    public static async Task<SharedHyperliquid> StartAsync(int members)
    {
        var server = await FakeHyperliquidServer.StartAsync();
        var exchange = server.Exchange;
        exchange.AddAsset("BTC", szDecimals: 5, maxLeverage: 40, Mid);
        var makerKey = PrivateKey.Generate();
        var maker = makerKey.Address;
        exchange.AddAccount(maker, Money.Of(100_000_000m));
        for (var level = 1; level <= 10; level++)
        {
            exchange.Rest(maker, "BTC", isBuy: true, Price.Of(30_000m - (10 * level)), Quantity.Of(1m));
            exchange.Rest(maker, "BTC", isBuy: false, Price.Of(30_000m + (10 * level)), Quantity.Of(1m));
        }

        var master = PrivateKey.Generate().Address;
        exchange.AddAccount(master, Money.Of(10_000_000m));
        var agentKeys = new List<string>();
        for (var m = 0; m < members; m++)
        {
            var hex = "0x" + RandomNumberGenerator.GetHexString(64, lowercase: true);
            exchange.ApproveAgent(PrivateKey.FromHex(hex).Address, master);
            agentKeys.Add(hex);
        }

        return new SharedHyperliquid(server, makerKey, master, agentKeys);
    }

    /// <summary>
    /// Another trader of the venue sells <paramref name="size"/> BTC immediate-or-cancel down to <paramref name="price"/>,
    /// through the adapter signing as the maker, as any outside flow that crosses the platform's resting bids would.
    /// </summary>
    public async Task SellAsync(Price price, Quantity size)
    {
        var options = new HyperliquidVenueOptions { VenueId = "outside-seller", Network = HyperliquidNetwork.Testnet, ApiUrl = Server.BaseUri };
        await using var seller = await HyperliquidVenue.CreateAsync(options, credentials: new HyperliquidCredentials(_maker, _maker.Address));
        var result = await seller.PlaceOrderAsync(
            new OrderRequest(new ClientOrderId($"outside-{Guid.NewGuid():N}"), new MarketId("BTC-USD"), Side.Sell, OrderType.Limit, size, price, TimeInForce.Ioc, false, MarginMode.Cross, 1),
            CancellationToken.None);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"the outside sell was refused: {error}");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
