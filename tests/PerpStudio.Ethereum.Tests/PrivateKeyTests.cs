using System.Numerics;
using System.Text.Json.Nodes;

namespace PerpStudio.Ethereum.Tests;

public sealed class PrivateKeyTests
{
    private static readonly BigInteger HalfOrder =
        BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber);

    [Fact]
    public void The_cow_key_has_the_address_of_the_EIP712_example()
    {
        PrivateKey.FromHex(TestKeys.Cow).Address.ToString().ShouldBe("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
    }

    [Fact]
    public void A_private_key_never_shows_itself_in_text()
    {
        var key = PrivateKey.FromHex(TestKeys.Cow);
        var text = key.ToString();
        text.ShouldBe("PrivateKey(address 0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826)");
        text.ShouldNotContain("c85ef7d7", Case.Insensitive);
    }

    [Fact]
    public void Signatures_are_deterministic_low_s_and_recover_to_the_signer()
    {
        var random = new Random(6979);
        for (var i = 0; i < 40; i++)
        {
            var key = PrivateKey.FromHex(TestKeys.RandomPrivateKeyHex(random));
            var hash = TestKeys.RandomBytes(random, 32);
            var signature = key.SignHash(hash);

            key.SignHash(hash).ShouldBe(signature);
            signature.SInteger.ShouldBeLessThanOrEqualTo(HalfOrder);
            signature.V.ShouldBeOneOf(27, 28);
            signature.RecoverAddress(hash).ShouldBe(key.Address);
            PublicKey.Recover(hash, signature).ShouldBe(key.PublicKey);
        }
    }

    [Fact]
    public async Task Keys_signatures_and_recovery_match_ethers_for_random_inputs()
    {
        var random = new Random(20231);
        var cases = Enumerable.Range(0, 150)
            .Select(_ => (Key: TestKeys.RandomPrivateKeyHex(random), Digest: TestKeys.RandomBytes(random, 32)))
            .ToList();
        var ours = cases.Select(c => PrivateKey.FromHex(c.Key).SignHash(c.Digest)).ToList();
        var requests = new JsonArray();
        foreach (var (c, signature) in cases.Zip(ours))
        {
            requests.Add(new JsonObject { ["op"] = "key", ["privateKey"] = c.Key, ["digest"] = Hex.Encode(c.Digest) });
            requests.Add(new JsonObject { ["op"] = "recover", ["digest"] = Hex.Encode(c.Digest), ["signature"] = signature.ToHex() });
        }

        var answers = await NodeReference.EthersAsync(requests);

        for (var i = 0; i < cases.Count; i++)
        {
            var key = PrivateKey.FromHex(cases[i].Key);
            key.Address.ToString().ShouldBe(NodeReference.Text(answers[2 * i], "address"));
            ours[i].ToHex().ShouldBe(NodeReference.Text(answers[2 * i], "signature"), $"case {i}");
            NodeReference.Text(answers[(2 * i) + 1], "address").ShouldBe(key.Address.ToString());
        }
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "between 1 and")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "between 1 and")]
    [InlineData("0x01", "private key must be 32 bytes")]
    [InlineData("c85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4", "must start with 0x")]
    public void Invalid_private_keys_are_rejected_without_echoing_them(string text, string expected)
    {
        var error = Should.Throw<FormatException>(() => PrivateKey.FromHex(text));
        error.Message.ShouldContain(expected);
        if (text.Length > 10)
        {
            error.Message.ShouldNotContain(text[4..]);
        }
    }

    [Fact]
    public void Only_32_byte_hashes_are_signed()
    {
        var key = PrivateKey.Generate();
        Should.Throw<ArgumentException>(() => key.SignHash(new byte[31])).Message.ShouldContain("32 bytes, got 31");
    }

    [Fact]
    public void Public_keys_read_back_in_every_encoding()
    {
        var key = PrivateKey.Generate();
        var xy = key.PublicKey.ToBytes();
        PublicKey.FromBytes(xy).ShouldBe(key.PublicKey);
        PublicKey.FromBytes(key.PublicKey.ToUncompressedBytes()).Address.ShouldBe(key.Address);
        Should.Throw<FormatException>(() => PublicKey.FromBytes(new byte[63])).Message.ShouldContain("got 63");
    }
}
