using System.Text.Json;
using PerpStudio.Ethereum;
using PerpStudio.Testing;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Venues.Hyperliquid.Tests.Signing;

public sealed class SigningVectorTests
{
    private static readonly JsonDocument Vectors =
        JsonDocument.Parse(File.ReadAllText(RepoRoot.Shared("fixtures", "hyperliquid", "signing-vectors.json")));

    private static PrivateKey Key => PrivateKey.FromHex(Vectors.RootElement.GetProperty("privateKey").GetString());

    public static TheoryData<string> VectorNames()
    {
        var names = new TheoryData<string>();
        foreach (var v in Vectors.RootElement.GetProperty("vectors").EnumerateArray())
        {
            names.Add(v.GetProperty("name").GetString()!);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_published_vector_is_reproduced(string name)
    {
        var vector = Vectors.RootElement.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        var action = WireValue.FromJson(vector.GetProperty("action"));
        var nonce = vector.GetProperty("nonce").GetInt64();
        var expect = vector.GetProperty("expect");
        var checkedSomething = false;
        if (expect.TryGetProperty("connectionId", out var connectionId))
        {
            Hex.Encode(ActionHash.Compute(action, nonce, null, null)).ShouldBe(connectionId.GetString());
            checkedSomething = true;
        }

        foreach (var (network, label) in new[] { (HyperliquidNetwork.Mainnet, "mainnet"), (HyperliquidNetwork.Testnet, "testnet") })
        {
            if (!expect.TryGetProperty(label, out var signature))
            {
                continue;
            }

            var signed = L1ActionSigning.Sign(Key, network, action, nonce, null, null);
            WireSignature.IntegerHex(signed.RInteger).ShouldBe(signature.GetProperty("r").GetString());
            WireSignature.IntegerHex(signed.SInteger).ShouldBe(signature.GetProperty("s").GetString());
            signed.V.ShouldBe(signature.GetProperty("v").GetInt32());
            checkedSomething = true;
        }

        checkedSomething.ShouldBeTrue();
    }

    [Fact]
    public void The_precomputed_phantom_agent_digest_equals_the_generic_typed_data_hash()
    {
        var connectionId = Keccak256.HashUtf8("any action");
        foreach (var network in new[] { HyperliquidNetwork.Mainnet, HyperliquidNetwork.Testnet })
        {
            L1ActionSigning.Digest(network, connectionId)
                .ShouldBe(L1ActionSigning.PhantomAgentTypedData(network, connectionId).Hash());
        }
    }
}
