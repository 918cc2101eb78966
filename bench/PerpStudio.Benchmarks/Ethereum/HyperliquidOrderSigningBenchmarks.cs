using BenchmarkDotNet.Attributes;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Benchmarks.Ethereum;

/// <summary>
/// Signing one Hyperliquid order end to end, as the adapter does before every /exchange call: msgpack of the action,
/// keccak (the connection id), the EIP-712 phantom-agent digest, and the secp256k1 signature.
/// </summary>
[MemoryDiagnoser]
public class HyperliquidOrderSigningBenchmarks
{
    private readonly PrivateKey _agent = PrivateKey.FromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    private WireMap _action = null!;
    private long _nonce;

    [GlobalSetup]
    public void Setup()
    {
        var order = new OrderWire(
            Asset: 0,
            IsBuy: true,
            LimitPrice: Price.Of(64123.5m),
            Size: Quantity.Of(0.0125m),
            ReduceOnly: false,
            Kind: OrderKind.Limit(HyperliquidTif.Gtc),
            Cloid: Cloid.Parse("0x1234567890abcdef1234567890abcdef"));
        _action = ExchangeActions.Order([order]);
        _nonce = 1_732_000_000_000;
    }

    [Benchmark]
    public byte[] Digest_of_an_order_action() => L1ActionSigning.Digest(HyperliquidNetwork.Mainnet, _action, _nonce, null, null);

    [Benchmark]
    public EthereumSignature Sign_an_order_action() => L1ActionSigning.Sign(_agent, HyperliquidNetwork.Mainnet, _action, _nonce, null, null);
}
