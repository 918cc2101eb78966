using System.Text.Json.Nodes;
using PerpStudio.Ethereum.Eip712;

namespace PerpStudio.Ethereum.Tests.Eip712;

public sealed class TypedDataCrossCheckTests
{
    [Fact]
    public async Task Hashes_and_signatures_of_random_typed_data_match_ethers()
    {
        var random = new Random(712);
        var generator = new RandomTypedData(random);
        var cases = new List<(TypedData Data, JsonObject Json, string? Key)>();
        var requests = new JsonArray();
        for (var i = 0; i < 200; i++)
        {
            var (data, json) = generator.Next();
            var key = i % 4 == 0 ? TestKeys.RandomPrivateKeyHex(random) : null;
            cases.Add((data, json, key));
            var request = (JsonObject)json.DeepClone();
            request["op"] = "typed";
            if (key is not null)
            {
                request["privateKey"] = key;
            }

            requests.Add(request);
        }

        var answers = await NodeReference.EthersAsync(requests);

        for (var i = 0; i < cases.Count; i++)
        {
            var (data, json, key) = cases[i];
            var answer = answers[i];
            var context = $"case {i}: {json.ToJsonString()}";
            data.Schema.EncodeType(data.PrimaryType).ShouldBe(NodeReference.Text(answer, "encodeType"), context);
            Hex.Encode(data.DomainSeparator()).ShouldBe(NodeReference.Text(answer, "domainSeparator"), context);
            Hex.Encode(data.StructHash()).ShouldBe(NodeReference.Text(answer, "structHash"), context);
            Hex.Encode(data.Hash()).ShouldBe(NodeReference.Text(answer, "hash"), context);

            // The wallet JSON form of the same request must hash identically.
            Hex.Encode(TypedData.FromJson(json.ToJsonString()).Hash()).ShouldBe(NodeReference.Text(answer, "hash"), context);
            if (key is not null)
            {
                var signature = data.Sign(PrivateKey.FromHex(key));
                signature.ToHex().ShouldBe(NodeReference.Text(answer, "signature"), context);
                data.RecoverSigner(signature).ShouldBe(PrivateKey.FromHex(key).Address);
            }
        }
    }
}
