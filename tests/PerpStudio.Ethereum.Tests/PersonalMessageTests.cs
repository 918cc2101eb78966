using System.Text;
using System.Text.Json.Nodes;

namespace PerpStudio.Ethereum.Tests;

public sealed class PersonalMessageTests
{
    [Fact]
    public void The_hash_prefixes_the_byte_length_in_decimal()
    {
        var expected = Keccak256.Hash(Encoding.UTF8.GetBytes("\u0019Ethereum Signed Message:\n5hello"));
        PersonalMessage.Hash("hello").ShouldBe(expected);

        // Length counts UTF-8 bytes, not characters: "é" is 2 bytes.
        PersonalMessage.Hash("é").ShouldBe(Keccak256.Hash(Encoding.UTF8.GetBytes("\u0019Ethereum Signed Message:\n2é")));
    }

    [Fact]
    public void A_signed_message_verifies_and_a_changed_one_does_not()
    {
        var key = PrivateKey.Generate();
        var signature = PersonalMessage.Sign(key, "sign in to PerpStudio");
        PersonalMessage.Verify("sign in to PerpStudio", signature, key.Address).ShouldBeTrue();
        PersonalMessage.Verify("sign in to PerpStudio!", signature, key.Address).ShouldBeFalse();
    }

    [Fact]
    public async Task Personal_signatures_and_recovery_match_ethers_for_random_messages()
    {
        var random = new Random(191);
        var alphabet = "abcXYZ 019\n\t€漢🙂\"\\";
        var cases = Enumerable.Range(0, 120).Select(i =>
        {
            var length = i % 10 == 0 ? random.Next(200, 2000) : random.Next(0, 60);
            var text = new StringBuilder();
            while (text.Length < length)
            {
                var at = random.Next(alphabet.Length);
                text.Append(char.IsHighSurrogate(alphabet[at]) ? alphabet.Substring(at, 2) : char.IsLowSurrogate(alphabet[at]) ? "x" : alphabet[at].ToString());
            }

            return (Key: TestKeys.RandomPrivateKeyHex(random), Message: text.ToString(), Raw: TestKeys.RandomBytes(random, random.Next(0, 100)));
        }).ToList();

        var requests = new JsonArray();
        foreach (var c in cases)
        {
            requests.Add(new JsonObject { ["op"] = "personal", ["privateKey"] = c.Key, ["message"] = c.Message });
            requests.Add(new JsonObject { ["op"] = "personal", ["privateKey"] = c.Key, ["messageHex"] = Hex.Encode(c.Raw) });
        }

        var answers = await NodeReference.EthersAsync(requests);

        var verify = new JsonArray();
        for (var i = 0; i < cases.Count; i++)
        {
            var key = PrivateKey.FromHex(cases[i].Key);
            Hex.Encode(PersonalMessage.Hash(cases[i].Message)).ShouldBe(NodeReference.Text(answers[2 * i], "hash"));
            var signature = PersonalMessage.Sign(key, cases[i].Message);
            signature.ToHex().ShouldBe(NodeReference.Text(answers[2 * i], "signature"));
            PersonalMessage.Sign(key, cases[i].Raw).ToHex().ShouldBe(NodeReference.Text(answers[(2 * i) + 1], "signature"));
            verify.Add(new JsonObject { ["op"] = "verifyMessage", ["message"] = cases[i].Message, ["signature"] = signature.ToHex() });
        }

        var recovered = await NodeReference.EthersAsync(verify);
        for (var i = 0; i < cases.Count; i++)
        {
            NodeReference.Text(recovered[i], "address").ShouldBe(PrivateKey.FromHex(cases[i].Key).Address.ToString());
        }
    }
}
