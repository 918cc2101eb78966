using BenchmarkDotNet.Attributes;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Benchmarks.Hyperliquid;

/// <summary>
/// Signing one Hyperliquid order end to end: build the action, msgpack it, keccak the connection id, hash the
/// EIP-712 phantom agent and sign with secp256k1 (RFC 6979). Target: under 100 µs per order.
/// </summary>
[MemoryDiagnoser]
public class OrderSigningBenchmarks
{
    private static readonly PrivateKey Agent = PrivateKey.FromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    private static readonly Cloid OrderCloid = Cloid.For(new ClientOrderId("bench-order-1"));
    private WireMap _action = null!;
    private long _nonce;

    [GlobalSetup]
    public void Setup()
    {
        _action = BuildAction();
        _nonce = 1_700_000_000_000L;
    }

    /// <summary>Action built, hashed, signed and written as the /exchange body.</summary>
    [Benchmark(Baseline = true)]
    public byte[] SignOrderEndToEnd()
    {
        var action = BuildAction();
        var nonce = ++_nonce;
        var signature = L1ActionSigning.Sign(Agent, HyperliquidNetwork.Mainnet, action, nonce, null, null);
        return HyperliquidExchangeClient.Body(action, nonce, signature, null, null);
    }

    /// <summary>msgpack + keccak of the connection id only.</summary>
    [Benchmark]
    public byte[] ActionHashOnly() => ActionHash.Compute(_action, ++_nonce, null, null);

    /// <summary>The secp256k1 signature of a ready digest only.</summary>
    [Benchmark]
    public EthereumSignature Secp256k1SignOnly() => Agent.SignHash(L1ActionSigning.Digest(HyperliquidNetwork.Mainnet, _action, _nonce, null, null));

    private static WireMap BuildAction() => ExchangeActions.Order(
    [
        new OrderWire(0, true, Price.Of(30000.5m), Quantity.Of(0.0123m), false, OrderKind.Limit(HyperliquidTif.Gtc), OrderCloid),
    ]);
}
