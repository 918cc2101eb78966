using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using PerpStudio.Ethereum.Eip712;
using PerpStudio.Ethereum.MsgPack;
using PerpStudio.Testing;

namespace PerpStudio.Ethereum.Tests;

/// <summary>
/// Hyperliquid's published signing vectors, checked at this layer: msgpack + keccak give the connection id, and the
/// EIP-712 "phantom agent" over it, signed with the vector key, gives the published r, s, v.
/// </summary>
public sealed class HyperliquidSigningVectorTests
{
    private static readonly TypedDataSchema AgentSchema = TypedDataSchema.Create(new Dictionary<string, IReadOnlyList<TypedDataField>>
    {
        ["EIP712Domain"] = Eip712Digest.StandardDomainFields.Take(4).ToArray(),
        ["Agent"] = [new("source", "string"), new("connectionId", "bytes32")],
    });

    private static readonly JsonElement Vectors = JsonDocument.Parse(
        File.ReadAllText(RepoRoot.Shared("fixtures", "hyperliquid", "signing-vectors.json"))).RootElement;

    [Fact]
    public void The_connection_id_of_the_IOC_order_vector_matches()
    {
        var vector = Vector("phantom agent connectionId for an IOC order");
        Hex.Encode(ConnectionId(vector)).ShouldBe(vector.GetProperty("expect").GetProperty("connectionId").GetString());
    }

    [Theory]
    [InlineData("dummy action, mainnet and testnet", "mainnet")]
    [InlineData("dummy action, mainnet and testnet", "testnet")]
    [InlineData("GTC limit order, asset 1", "mainnet")]
    [InlineData("GTC limit order, asset 1", "testnet")]
    public void Phantom_agent_signatures_match_the_published_vectors(string name, string network)
    {
        var vector = Vector(name);
        var key = PrivateKey.FromHex(Vectors.GetProperty("privateKey").GetString());
        var domain = new Dictionary<string, object?>
        {
            ["name"] = "Exchange",
            ["version"] = "1",
            ["chainId"] = 1337L,
            ["verifyingContract"] = EthereumAddress.Zero,
        };
        var agent = new Dictionary<string, object?>
        {
            ["source"] = network == "mainnet" ? "a" : "b",
            ["connectionId"] = ConnectionId(vector),
        };

        var digest = Eip712Digest.Compute(AgentSchema.HashStruct("EIP712Domain", domain), AgentSchema.HashStruct("Agent", agent));
        var signature = key.SignHash(digest);

        var expected = vector.GetProperty("expect").GetProperty(network);
        HexOfInteger(signature.RInteger).ShouldBe(expected.GetProperty("r").GetString());
        HexOfInteger(signature.SInteger).ShouldBe(expected.GetProperty("s").GetString());
        signature.V.ShouldBe(expected.GetProperty("v").GetInt32());
        signature.RecoverAddress(digest).ShouldBe(key.Address);
    }

    private static JsonElement Vector(string name) =>
        Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    // keccak256(msgpack(action) || nonce as 8 big-endian bytes || 0x00 for "no vault"), as the vectors have no vault or expiry.
    private static byte[] ConnectionId(JsonElement vector)
    {
        vector.GetProperty("vaultAddress").ValueKind.ShouldBe(JsonValueKind.Null);
        vector.GetProperty("expiresAfter").ValueKind.ShouldBe(JsonValueKind.Null);
        var buffer = new ArrayBufferWriter<byte>();
        MsgPackEncoder.Encode(ToTree(vector.GetProperty("action")), buffer);
        var tail = buffer.GetSpan(9);
        BinaryPrimitives.WriteUInt64BigEndian(tail, vector.GetProperty("nonce").GetUInt64());
        tail[8] = 0;
        buffer.Advance(9);
        return Keccak256.Hash(buffer.WrittenSpan);
    }

    private static object? ToTree(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, ToTree(p.Value))).ToList(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToTree).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetInt64(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static string HexOfInteger(BigInteger value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
}
