using System.Security.Cryptography;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
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

    private SharedHyperliquid(FakeHyperliquidServer server, EthereumAddress master, IReadOnlyList<string> agentKeys)
    {
        Server = server;
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
        var maker = PrivateKey.Generate().Address;
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

        return new SharedHyperliquid(server, master, agentKeys);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
