using BenchmarkDotNet.Attributes;
using PerpStudio.Ethereum;
using PerpStudio.Ethereum.Eip712;

namespace PerpStudio.Benchmarks.Ethereum;

/// <summary>The signing hot path of a venue order: keccak, EIP-712 hashing of a small struct, sign, recover.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private static readonly TypedDataSchema AgentSchema = TypedDataSchema.Create(new Dictionary<string, IReadOnlyList<TypedDataField>>
    {
        ["Agent"] = [new("source", "string"), new("connectionId", "bytes32")],
    });

    private readonly byte[] _input = new byte[32];
    private readonly byte[] _hash = new byte[32];
    private readonly PrivateKey _key = PrivateKey.FromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    private byte[] _digest = [];
    private EthereumSignature _signature = null!;
    private Dictionary<string, object?> _agent = [];

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_input);
        _digest = Keccak256.Hash(_input);
        _signature = _key.SignHash(_digest);
        _agent = new Dictionary<string, object?> { ["source"] = "a", ["connectionId"] = _digest };
    }

    [Benchmark]
    public void Keccak256_of_32_bytes() => Keccak256.Hash(_input, _hash);

    [Benchmark]
    public EthereumSignature Sign_a_digest() => _key.SignHash(_digest);

    [Benchmark]
    public EthereumAddress Recover_the_signer() => _signature.RecoverAddress(_digest);

    [Benchmark]
    public void Eip712_hash_of_a_small_struct() => AgentSchema.HashStruct("Agent", _agent, _hash);
}
