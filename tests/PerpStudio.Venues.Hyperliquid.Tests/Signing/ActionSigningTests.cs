using System.Text.Json;
using System.Text.Json.Nodes;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Testing;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Venues.Hyperliquid.Tests.Signing;

public sealed class ActionSigningTests
{
    private static readonly PrivateKey Agent = PrivateKey.FromHex("0x0123456789012345678901234567890123456789012345678901234567890123");
    private static readonly PrivateKey Account = PrivateKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly EthereumAddress Vault = EthereumAddress.Parse("0x1719884eb866cb12b2287399b15f7db5e7d775ea");

    public static TheoryData<string> L1ActionNames() => new(ActionCatalogue.L1Actions.Keys);

    [Theory]
    [MemberData(nameof(L1ActionNames))]
    public void Every_l1_action_recovers_to_its_signer_on_both_networks_with_and_without_vault_and_expiry(string name)
    {
        var action = ActionCatalogue.L1Actions[name];
        foreach (var network in new[] { HyperliquidNetwork.Mainnet, HyperliquidNetwork.Testnet })
        {
            foreach (var (vault, expires) in new (EthereumAddress?, long?)[] { (null, null), (Vault, null), (null, 1_700_000_060_000L), (Vault, 1_700_000_060_000L) })
            {
                var signature = L1ActionSigning.Sign(Agent, network, action, 1_700_000_000_000L, vault, expires);
                L1ActionSigning.RecoverSigner(signature, network, action, 1_700_000_000_000L, vault, expires).ShouldBe(Agent.Address);
                // a different nonce, network or vault is a different message: the same signature recovers to someone else
                L1ActionSigning.RecoverSigner(signature, network, action, 1_700_000_000_001L, vault, expires).ShouldNotBe(Agent.Address);
            }
        }
    }

    [Fact]
    public void User_signed_actions_recover_to_the_account_and_fail_on_the_other_chain()
    {
        var approveAgent = ExchangeActions.ApproveAgent(Agent.Address, "desk", 1_700_000_000_000L, HyperliquidNetwork.Mainnet);
        var approveBuilder = ExchangeActions.ApproveBuilderFee(Vault, Rate.Of(0.001m), 1_700_000_000_000L, HyperliquidNetwork.Testnet);
        foreach (var (kind, action) in new[] { (UserSignedActionKind.ApproveAgent, approveAgent), (UserSignedActionKind.ApproveBuilderFee, approveBuilder) })
        {
            var signature = UserSignedActionSigning.Sign(Account, kind, action);
            UserSignedActionSigning.RecoverSigner(signature, kind, action).ShouldBe(Account.Address);
        }

        ((WireString)approveBuilder["maxFeeRate"]!).Value.ShouldBe("0.1%");
        var testnetTwin = ExchangeActions.ApproveAgent(Agent.Address, "desk", 1_700_000_000_000L, HyperliquidNetwork.Testnet);
        var mainnetSignature = UserSignedActionSigning.Sign(Account, UserSignedActionKind.ApproveAgent, approveAgent);
        UserSignedActionSigning.RecoverSigner(mainnetSignature, UserSignedActionKind.ApproveAgent, testnetTwin).ShouldNotBe(Account.Address);
    }

    [Fact]
    public void Order_keys_follow_the_reference_order_that_the_hash_covers()
    {
        var json = JsonNode.Parse(ActionCatalogue.L1Actions["order normalTpsl with builder"].ToJson())!.AsObject();
        json.Select(p => p.Key).ShouldBe(["type", "orders", "grouping", "builder"]);
        var orders = json["orders"]!.AsArray();
        orders[0]!.AsObject().Select(p => p.Key).ShouldBe(["a", "b", "p", "s", "r", "t"]);
        orders[1]!["t"]!["trigger"]!.AsObject().Select(p => p.Key).ShouldBe(["isMarket", "triggerPx", "tpsl"]);
        json["builder"]!["b"]!.GetValue<string>().ShouldBe("0x8c967e73e7b15087c42a10d344cff4c96d877f1d");
        json["builder"]!["f"]!.GetValue<int>().ShouldBe(10);
        orders[0]!["p"]!.GetValue<string>().ShouldBe("30000.5");
        orders[0]!["s"]!.GetValue<string>().ShouldBe("0.0123");
    }

    [Fact]
    public async Task Msgpack_hash_and_signatures_match_independent_javascript_implementations()
    {
        var items = new JsonArray();
        var expected = new List<(string Name, byte[]? Packed, byte[]? ConnectionId, EthereumSignature Signature)>();
        var network = HyperliquidNetwork.Mainnet;
        foreach (var (name, action) in ActionCatalogue.L1Actions)
        {
            foreach (var (vault, expires) in new (EthereumAddress?, long?)[] { (null, null), (Vault, 1_700_000_060_000L) })
            {
                items.Add(new JsonObject
                {
                    ["kind"] = "l1",
                    ["action"] = JsonNode.Parse(action.ToJson()),
                    ["nonce"] = 1_700_000_000_000L,
                    ["vaultAddress"] = vault?.ToLowerHex(),
                    ["expiresAfter"] = expires,
                    ["mainnet"] = true,
                    ["privateKey"] = "0x0123456789012345678901234567890123456789012345678901234567890123",
                });
                expected.Add((name, action.ToMsgPack(), ActionHash.Compute(action, 1_700_000_000_000L, vault, expires), L1ActionSigning.Sign(Agent, network, action, 1_700_000_000_000L, vault, expires)));
            }
        }

        foreach (var (kind, action) in new[]
        {
            (UserSignedActionKind.ApproveAgent, ExchangeActions.ApproveAgent(Agent.Address, "desk", 1_700_000_000_000L, HyperliquidNetwork.Mainnet)),
            (UserSignedActionKind.ApproveBuilderFee, ExchangeActions.ApproveBuilderFee(Vault, Rate.Of(0.0005m), 1_700_000_000_000L, HyperliquidNetwork.Testnet)),
        })
        {
            items.Add(new JsonObject
            {
                ["kind"] = "user",
                ["action"] = JsonNode.Parse(action.ToJson()),
                ["primaryType"] = kind.PrimaryType,
                ["fields"] = new JsonArray([.. kind.Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type })]),
                ["privateKey"] = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
            });
            expected.Add((kind.ActionType, null, null, UserSignedActionSigning.Sign(Account, kind, action)));
        }

        var result = await ExternalProcess.NodeAsync(
            RepoRoot.Combine("tests", "PerpStudio.Venues.Hyperliquid.Tests", "node"), "hyperliquid-check.js", items.ToJsonString());
        var answers = JsonDocument.Parse(result.EnsureSuccess().StandardOutput).RootElement.EnumerateArray().ToList();

        answers.Count.ShouldBe(expected.Count);
        for (var i = 0; i < answers.Count; i++)
        {
            var (name, packed, connectionId, signature) = expected[i];
            if (packed is not null)
            {
                answers[i].GetProperty("msgpack").GetString().ShouldBe(Hex.Encode(packed), name);
                answers[i].GetProperty("connectionId").GetString().ShouldBe(Hex.Encode(connectionId!), name);
            }

            answers[i].GetProperty("signature").GetString().ShouldBe(signature.ToHex(), name);
        }
    }
}
